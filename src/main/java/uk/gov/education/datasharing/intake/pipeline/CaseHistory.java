package uk.gov.education.datasharing.intake.pipeline;


import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.SubmissionRecord;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.DocumentStates;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.StateKey;
import uk.gov.education.datasharing.intake.validate.PartCodec;
import uk.gov.education.datasharing.intake.validate.ReadPart;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

/**
 * What a case remembers between messages, so a resubmission is validated as the whole case
 * (docs/adr/0010): the newest form, questionnaire and workbooks as the readers saw them, sealed under the
 * gateway's state key, and the accepted evidence of earlier versions. Without a key it remembers nothing.
 */
public final class CaseHistory {

    private static final Logger LOG = LoggerFactory.getLogger("intake");
    /** Documents of earlier versions that still count: evidence, agreements, the questionnaire. */
    private static final Set<DocumentKind> KEPT_KINDS = Set.of(DocumentKind.BACKGROUND_CHECK_EVIDENCE, DocumentKind.DATA_SHARING_AGREEMENT,
            DocumentKind.SECURITY_QUESTIONNAIRE);

    private final StateKey key;
    private final DocumentStates states = new DocumentStates();

    private final Cases cases;

    public CaseHistory(StateKey key) {
        this.key = key;
        this.cases = new Cases(key == null ? null : new Sealer(key));
    }

    boolean enabled() {
        return key != null;
    }

    /**
     * Adds to this submission what the case's earlier versions had and it lacks. Returns the findings of
     * the case's newest earlier version, to tell what is now fixed.
     */
    List<Cases.StoredFinding> mergeEarlier(Connection c, String reference, SubmissionReader reader, List<ReceivedFile> current)
            throws SQLException {
        Map<String, ReadPart> present = reader.parts();
        for (Map.Entry<String, String> state : states.all(c, reference).entrySet()) {
            if (present.containsKey(state.getKey())) {
                continue;
            }
            try {
                byte[] json = key.open(state.getValue(), boundTo(reference, state.getKey()));
                reader.addEarlier(state.getKey(), PartCodec.fromJson(state.getKey(), json));
            } catch (GeneralSecurityException | IOException e) {
                LOG.warn("case {}: earlier {} could not be opened ({}); validating without it", reference, state.getKey(),
                        e.getClass().getSimpleName());
            }
        }
        Set<String> seen = new HashSet<>();
        current.forEach(f -> seen.add(f.sha256()));
        List<SubmissionRecord> earlier = cases.submissions(c, reference);
        for (SubmissionRecord submission : earlier) {
            for (ReceivedFile file : submission.files()) {
                if (file.check().verdict() == FileCheck.Verdict.ACCEPTED && KEPT_KINDS.contains(file.check().kind()) && seen.add(file.sha256())) {
                    reader.addEarlierDocument(file.safeName(), file.check().kind());
                }
            }
        }
        return earlier.isEmpty() ? List.of() : cases.findings(c, earlier.get(earlier.size() - 1).id());
    }

    /** Seals and keeps the parts this version brought, replacing the case's earlier ones. */
    void keep(Connection c, String reference, int version, Map<String, ReadPart> parts) throws SQLException {
        if (key == null) {
            return;
        }
        for (Map.Entry<String, ReadPart> part : parts.entrySet()) {
            String sealed = key.seal(PartCodec.toJson(part.getValue()), boundTo(reference, part.getKey()));
            if (sealed.length() <= DocumentStates.MAX_SEALED_CHARS) {
                states.put(c, reference, part.getKey(), version, sealed);
            }
        }
    }

    private static String boundTo(String reference, String part) {
        return reference + "|" + part;
    }
}
