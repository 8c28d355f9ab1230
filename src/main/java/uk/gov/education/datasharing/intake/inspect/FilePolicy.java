package uk.gov.education.datasharing.intake.inspect;

import java.util.ArrayList;
import java.util.List;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.FileCheck.Verdict;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

/**
 * Decides what happens to one file from what inspection learnt: refused as unsafe (the message is then
 * quarantined), not accepted (wrong format or damaged: the applicant is told what to send instead), or
 * accepted and recognised. Decisions rest on the content; the name and declared type only add a warning
 * when they disagree with it, except that a name Windows would run is refused whatever it holds.
 */
public final class FilePolicy {

    private final DocumentClassifier classifier = new DocumentClassifier();

    /** The decision for one file and the findings that explain it. */
    public record Judgement(FileCheck check, List<Problem> findings) {
        public Judgement {
            findings = List.copyOf(findings);
        }

        public boolean unsafe() {
            return check.verdict() == Verdict.UNSAFE;
        }
    }

    /** A zip that is only an archive (not an Office, OpenDocument or other package), by content. */
    public static boolean isPlainArchive(ContentInspection content) {
        return content.detectedType().equals(FileTypes.ZIP) && !content.facts().officePackage();
    }

    /** Judges one file once, from its inspection; an archive's verdict is final only with {@link #archiveUnpacked}. */
    public Judgement judge(ReceivedFile file, ContentInspection content) {
        String type = content.detectedType();
        ContentFacts facts = content.facts();
        String name = file.safeName();
        String where = file.container();
        FileCheck.Scan scan = content.scan().status();
        List<Problem> found = new ArrayList<>();

        if (scan == FileCheck.Scan.INFECTED) {
            found.add(Problem.of(ProblemCode.FILE_INFECTED, name, where, content.scan().signature()));
        } else if (scan == FileCheck.Scan.TOO_LARGE) {
            found.add(Problem.of(ProblemCode.FILE_NOT_SCANNED, name, where, ""));
        }
        unsafe(type, facts, name, where, found);
        if (!found.isEmpty()) {
            return new Judgement(new FileCheck(type, DocumentKind.OTHER, "", scan, Verdict.UNSAFE), found);
        }
        if (isPlainArchive(content)) {
            return new Judgement(new FileCheck(type, DocumentKind.OTHER, "", scan, Verdict.ARCHIVE), found);
        }
        boolean brokenPackage = facts.officePackage() && type.equals(FileTypes.ZIP);
        if (!brokenPackage) {
            mismatch(file, type, found);
        }
        if (type.startsWith("application/pkcs7") || type.equals("application/vnd.ms-tnef")) {
            // an encrypted S/MIME message or an unreadable winmail.dat: extraction has already said so
            return new Judgement(new FileCheck(type, DocumentKind.OTHER, "", scan, Verdict.NOT_ACCEPTED), found);
        }
        DocumentClassifier.Recognition recognition = classifier.classify(facts, name);
        Verdict verdict = Verdict.ACCEPTED;
        if (brokenPackage) {
            verdict = Verdict.NOT_ACCEPTED;
            found.add(Problem.of(ProblemCode.FILE_DAMAGED, name, where, "an Office file"));
        } else if (!FileTypes.isAccepted(type)) {
            verdict = Verdict.NOT_ACCEPTED;
            ProblemCode code = switch (FileTypes.family(type)) {
                case WORD -> ProblemCode.SEND_AS_DOCX;
                case EXCEL -> ProblemCode.SEND_AS_XLSX;
                default -> ProblemCode.FORMAT_NOT_ACCEPTED;
            };
            found.add(Problem.of(code, name, where, FileTypes.describe(type)));
        } else if (facts.unreadable()) {
            verdict = Verdict.NOT_ACCEPTED;
            found.add(Problem.of(ProblemCode.FILE_DAMAGED, name, where, FileTypes.describe(type)));
        }
        return new Judgement(new FileCheck(type, recognition.kind(), recognition.by(), scan, verdict), found);
    }

    /**
     * An archive's final verdict: it stays an archive (its files were each checked) only when the extractor
     * unpacked every entry; one we could not look inside completely is refused, since its files were not checked.
     */
    public static Judgement archiveUnpacked(Judgement judgement, ReceivedFile file, boolean unpacked) {
        if (judgement.check().verdict() != Verdict.ARCHIVE || unpacked) {
            return judgement;
        }
        FileCheck c = judgement.check();
        List<Problem> found = new ArrayList<>(judgement.findings());
        found.add(Problem.of(ProblemCode.ARCHIVE_NOT_CHECKED, file.safeName(), file.container(), ""));
        return new Judgement(new FileCheck(c.detectedType(), c.kind(), c.recognisedBy(), c.scan(), Verdict.UNSAFE), found);
    }

    private static void unsafe(String type, ContentFacts facts, String name, String where, List<Problem> found) {
        if (FileTypes.isProgram(type)) {
            found.add(Problem.of(ProblemCode.FILE_IS_PROGRAM, name, where, FileTypes.describe(type)));
        } else if (FileTypes.hasProgramExtension(name)) {
            found.add(Problem.of(ProblemCode.FILE_IS_PROGRAM, name, where, "." + FileTypes.extension(name) + " file"));
        }
        if (FileTypes.isMacroEnabled(type) || facts.macros()) {
            found.add(Problem.of(ProblemCode.FILE_HAS_MACROS, name, where, ""));
        }
        if (facts.embeddedObjects()) {
            found.add(Problem.of(ProblemCode.FILE_HAS_EMBEDDED_OBJECTS, name, where, ""));
        }
        if (!facts.remoteContent().isEmpty()) {
            found.add(Problem.of(ProblemCode.FILE_LOADS_REMOTE_CONTENT, name, where, facts.remoteContent().get(0)));
        }
        if (facts.dde()) {
            found.add(Problem.of(ProblemCode.FILE_HAS_DDE, name, where, ""));
        }
        if (facts.encrypted() || type.equals(FileTypes.OOXML_PROTECTED)) {
            found.add(Problem.of(ProblemCode.FILE_ENCRYPTED, name, where, ""));
        }
        if (facts.scripts() || facts.launchActions()) {
            found.add(Problem.of(ProblemCode.PDF_HAS_SCRIPTS, name, where, ""));
        }
        if (facts.tooComplex()) {
            found.add(Problem.of(ProblemCode.FILE_TOO_COMPLEX, name, where, ""));
        }
    }

    /** A warning when the extension or the declared type names another kind of file than the content is. */
    private static void mismatch(ReceivedFile file, String type, List<Problem> found) {
        FileTypes.Family content = FileTypes.family(type);
        FileTypes.Family named = FileTypes.familyOfName(file.safeName());
        if (named != null && named != content && !compatibleText(named, content)) {
            found.add(Problem.of(ProblemCode.FILE_TYPE_MISMATCH, file.safeName(), file.container(),
                    "named ." + FileTypes.extension(file.safeName()) + ", but it is " + FileTypes.describe(type)));
            return;
        }
        String declaredType = file.contentType();
        FileTypes.Family declared = FileTypes.family(declaredType);
        if (declared != FileTypes.Family.OTHER && declared != content && !compatibleText(declared, content)) {
            found.add(Problem.of(ProblemCode.FILE_TYPE_MISMATCH, file.safeName(), file.container(),
                    "sent as " + declaredType + ", but it is " + FileTypes.describe(type)));
        }
    }

    /** CSV and plain text look the same from content. */
    private static boolean compatibleText(FileTypes.Family claimed, FileTypes.Family content) {
        return content == FileTypes.Family.TEXT && (claimed == FileTypes.Family.EXCEL || claimed == FileTypes.Family.TEXT);
    }
}
