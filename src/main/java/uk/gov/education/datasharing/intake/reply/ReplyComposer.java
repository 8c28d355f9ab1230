package uk.gov.education.datasharing.intake.reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import uk.gov.education.datasharing.intake.model.ByteSize;
import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.reply.ProblemList;

/**
 * Writes replies from templates (plain text with an HTML alternative) in GOV.UK style, with the reference
 * in the subject, {@code Auto-Submitted: auto-replied} and our own Message-ID. Every header is set here
 * from trusted values; nothing from an inbound message is copied.
 */
public final class ReplyComposer {


    private final InternetAddress from;
    private final String fromAddress;
    private final Template text;
    private final Template html;
    private final Template noticeText;
    private final Template noticeHtml;
    private final Template requestText;
    private final Template requestHtml;
    private final int listBeforeGrouping;

    public ReplyComposer(String fromAddress, String fromName) {
        this(fromAddress, fromName, 5);
    }

    /** @param listBeforeGrouping how many problems of one kind in one document are listed before the rest are counted */
    public ReplyComposer(String fromAddress, String fromName, int listBeforeGrouping) {
        this.listBeforeGrouping = listBeforeGrouping;
        try {
            this.from = new InternetAddress(fromAddress, fromName, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        this.fromAddress = fromAddress;
        this.text = load("acknowledgement.txt.mustache", false);
        this.html = load("acknowledgement.html.mustache", true);
        this.noticeText = load("notice.txt.mustache", false);
        this.noticeHtml = load("notice.html.mustache", true);
        this.requestText = load("request.txt.mustache", false);
        this.requestHtml = load("request.html.mustache", true);
    }

    /** A new Message-ID in our domain, so replies to it can be matched to their case. */
    public String newMessageId(String reference) {
        return uk.gov.education.datasharing.intake.model.ReplyMessageId.newFor(reference, fromAddress);
    }

    public static String subject(Reply reply) {
        switch (reply.kind()) {
            case QUARANTINE_NOTICE -> {
                return "We could not accept a file you sent: reference " + reply.reference();
            }
            case DEFECTS -> {
                return "Your application needs changes: reference " + reply.reference();
            }
            case REDIRECT -> {
                return "Where to apply for this data: reference " + reply.reference();
            }
            case RECEIVED_NOTICE -> {
                return "We have received your email: reference " + reply.reference();
            }
            case REQUEST -> {
                return "We need more from you: reference " + reply.reference();
            }
            default -> {
            }
        }
        return reply.version() <= 1
                ? "Application received: reference " + reply.reference()
                : "Update received: reference " + reply.reference() + " (version " + reply.version() + ")";
    }

    public MimeMessage compose(Session session, Reply reply) throws MessagingException {
        boolean notice = reply.kind() == Reply.Kind.RECEIVED_NOTICE;
        boolean request = reply.kind() == Reply.Kind.REQUEST;
        Map<String, Object> model = notice ? Map.of("reference", reply.reference(), "subject", subject(reply))
                : request ? Map.of("reference", reply.reference(), "subject", subject(reply), "paragraphs", paragraphs(reply.teamText()))
                : model(reply);
        MimeMessage message = new IdentifiedMessage(session, reply.messageId());
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(reply.recipient(), true));
        message.setSubject(subject(reply), StandardCharsets.UTF_8.name());
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setSentDate(new java.util.Date());

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText((notice ? noticeText : request ? requestText : text).execute(model), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText((notice ? noticeHtml : request ? requestHtml : html).execute(model), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", plain, rich);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static final com.google.re2j.Pattern BLANK_LINE = com.google.re2j.Pattern.compile("\n[ \t]*\n");

    /** The team's text as paragraphs (split at blank lines), each with its lines. */
    static List<Map<String, Object>> paragraphs(String text) {
        String body = text == null ? "" : text.replace("\r\n", "\n").strip();
        List<Map<String, Object>> paragraphs = new java.util.ArrayList<>();
        for (String paragraph : BLANK_LINE.split(body)) {
            if (!paragraph.isBlank()) {
                paragraphs.add(Map.of("text", paragraph.strip(), "lines", List.of(paragraph.strip().split("\n"))));
            }
        }
        return paragraphs;
    }

    private Map<String, Object> model(Reply reply) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", reply.reference());
        model.put("version", reply.version());
        model.put("firstVersion", reply.version() <= 1);
        model.put("subject", subject(reply));
        model.put("quarantined", reply.kind() == Reply.Kind.QUARANTINE_NOTICE);
        model.put("accepted", reply.kind() == Reply.Kind.ACKNOWLEDGEMENT);
        model.put("defects", reply.kind() == Reply.Kind.DEFECTS);
        model.put("redirected", reply.kind() == Reply.Kind.REDIRECT);
        model.put("enquiry", reply.kind() == Reply.Kind.ENQUIRY);
        List<Defect> redirects = reply.problems().stream().filter(d -> d.code().equals(ProblemCode.REDIRECT.name())).toList();
        List<Defect> fixed = reply.problems().stream().filter(d -> d.code().equals(ProblemCode.FIXED.name())).toList();
        model.put("hasFixed", !fixed.isEmpty());
        model.put("fixed", fixed.stream().map(d -> (d.document().isEmpty() ? "" : d.document() + ", ")
                + (d.location().isEmpty() ? "" : d.location() + ": ") + d.message()).toList());
        List<Defect> problems = reply.problems().stream().filter(d -> !d.code().equals(ProblemCode.REDIRECT.name()) && !d.code().equals(ProblemCode.FIXED.name()))
                .sorted(java.util.Comparator.comparing(Defect::severity)).toList();
        model.put("hasRedirects", !redirects.isEmpty());
        model.put("redirects", redirects.stream()
                .map(d -> Map.of("to", d.location(), "message", d.message(), "link", d.fix())).toList());
        model.put("hasSections", !problems.isEmpty());
        model.put("sections", ProblemList.sections(problems, listBeforeGrouping).stream()
                .map(s -> Map.of("document", s.document(), "lines", s.lines())).toList());
        model.put("fileCount", reply.files().size());
        model.put("hasFiles", !reply.files().isEmpty());
        model.put("files", reply.files().stream()
                .map(f -> Map.of("name", f.safeName(), "size", ByteSize.human(f.size()), "shortHash", Sha256.shortForm(f.sha256()),
                        "where", f.container().isEmpty() ? "" : ", " + f.container(), "status", status(f.check())))
                .toList());
        model.put("hasProblems", !problems.isEmpty());
        return model;
    }

    /** What became of a file, as the file list says it. */
    static String status(FileCheck check) {
        return switch (check.verdict()) {
            case ACCEPTED -> check.kind() == DocumentKind.OTHER ? ": accepted" : ": recognised as " + check.kind().label();
            case NOT_ACCEPTED -> ": not accepted, see below";
            case UNSAFE -> ": refused as unsafe, see below";
            case ARCHIVE -> ": zip file, unpacked";
            case UNCHECKED -> "";
        };
    }

    private static Template load(String name, boolean escapeHtml) {
        try (InputStream in = ReplyComposer.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Mustache.compiler().escapeHTML(escapeHtml).defaultValue("").compile(reader);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + name, e);
        }
    }

    /** Keeps the Message-ID we chose (Jakarta Mail would otherwise make a new one on save). */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

}
