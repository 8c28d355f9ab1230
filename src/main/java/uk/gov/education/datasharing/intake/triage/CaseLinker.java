package uk.gov.education.datasharing.intake.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import uk.gov.education.datasharing.intake.model.CaseReference;

/**
 * Decides which case a message belongs to. A message from the case's own sender, authenticated, that quotes
 * its reference (in the subject, or by replying to one of our emails) adds a version to that case; anything
 * else opens a new case, flagged when it quoted a reference it could not use, and pointing to the case it
 * quoted. A forged From can therefore never change a case.
 */
public final class CaseLinker {

    public static final String FLAG_OTHER_SENDER = "REFERENCE_FROM_OTHER_SENDER";
    public static final String FLAG_MISTYPED = "REFERENCE_MISTYPED";
    public static final String FLAG_UNKNOWN = "REFERENCE_UNKNOWN";
    public static final String FLAG_NOT_AUTHENTICATED = "REFERENCE_FROM_UNAUTHENTICATED_SENDER";

    public sealed interface Decision permits ExistingCase, NewCase {
    }

    public record ExistingCase(String reference) implements Decision {
    }

    /** @param related the existing case the message quoted but may not join, or null */
    public record NewCase(List<String> flags, String related) implements Decision {
        public NewCase {
            flags = List.copyOf(flags);
        }

        public NewCase(List<String> flags) {
            this(flags, null);
        }
    }

    /**
     * @param sender          the message's sender, lower-cased
     * @param authenticated   whether the receiving server vouched for the sender's address
     * @param quoted          what the subject says about a reference
     * @param repliedToCases  cases of our own messages that this one replies to (by Message-ID)
     * @param senderOfCase    the sender of an existing case, or empty when there is no such case
     */
    public Decision decide(String sender, boolean authenticated, Optional<CaseReference.Quoted> quoted, List<String> repliedToCases,
                           Function<String, Optional<String>> senderOfCase) {
        List<String> flags = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        if (quoted.isPresent() && quoted.get() instanceof CaseReference.Valid valid) {
            candidates.add(valid.reference().value());
        } else if (quoted.isPresent()) {
            flags.add(FLAG_MISTYPED);
        }
        candidates.addAll(repliedToCases);
        String related = null;
        for (String candidate : candidates) {
            Optional<String> owner = senderOfCase.apply(candidate);
            if (owner.isEmpty()) {
                addOnce(flags, FLAG_UNKNOWN);
                continue;
            }
            if (owner.get().equalsIgnoreCase(sender) && authenticated) {
                return new ExistingCase(candidate);
            }
            addOnce(flags, owner.get().equalsIgnoreCase(sender) ? FLAG_NOT_AUTHENTICATED : FLAG_OTHER_SENDER);
            related = related == null ? candidate : related;
        }
        return new NewCase(flags, related);
    }

    private static void addOnce(List<String> flags, String flag) {
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
    }
}
