package uk.gov.education.datasharing.intake.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what the mailbox folders hold with what the case index recorded: every message seen must be in
 * exactly one final state and in the one folder recorded for it, and the messages seen must add up to
 * accepted + defects + redirected + enquiries + quarantined + ignored. Messages still in INBOX and not yet
 * finished are waiting, not discrepancies. Names messages by short hash only.
 */
public final class Reconciliation {

    /** One message as the case index recorded it: state, folder moved to, and for a processed one its outcome. */
    public record Recorded(String state, String folder, String outcome) {
    }

    /** What was found: discrepancies (empty on a clean run) and the totals. */
    public record Result(List<String> discrepancies, int waiting, Map<String, Integer> totals) {
        public boolean clean() {
            return discrepancies.isEmpty();
        }

        /** Finished messages, by the case index: the sum of the totals. */
        public int finished() {
            return totals.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Reconciliation() {
    }

    /**
     * @param mailbox  each message's SHA-256 and the folders it was found in
     * @param recorded each recorded message's SHA-256 and its record
     * @param inbox    the name of the folder the gateway polls
     */
    public static Result compare(Map<String, Set<String>> mailbox, Map<String, Recorded> recorded, String inbox) {
        List<String> discrepancies = new ArrayList<>();
        Map<String, Integer> totals = new TreeMap<>();
        int waiting = 0;
        for (Map.Entry<String, Set<String>> message : mailbox.entrySet()) {
            String hash = shortHash(message.getKey());
            Set<String> folders = message.getValue();
            Recorded record = recorded.get(message.getKey());
            if (folders.size() > 1) {
                discrepancies.add(hash + ": in " + folders.size() + " folders " + new java.util.TreeSet<>(folders));
                continue;
            }
            String folder = folders.iterator().next();
            if (record == null || record.state().equals("IN_PROGRESS")) {
                if (folder.equals(inbox)) {
                    waiting++;
                } else {
                    discrepancies.add(hash + ": in " + folder + " but " + (record == null ? "never recorded" : "recorded as still in progress"));
                }
                continue;
            }
            if (folder.equals(inbox)) {
                waiting++; // finished and committed; its move out of INBOX follows
                continue;
            }
            if (!folder.equals(record.folder())) {
                discrepancies.add(hash + ": in " + folder + " but recorded as moved to " + record.folder() + " (" + record.state() + ")");
            }
        }
        for (Map.Entry<String, Recorded> entry : recorded.entrySet()) {
            Recorded record = entry.getValue();
            if (record.state().equals("IN_PROGRESS")) {
                continue;
            }
            String total = record.state().equals("PROCESSED") ? String.valueOf(record.outcome()).toLowerCase(java.util.Locale.ROOT)
                    : record.state().toLowerCase(java.util.Locale.ROOT);
            totals.merge(total, 1, Integer::sum);
            if (!mailbox.containsKey(entry.getKey())) {
                discrepancies.add(shortHash(entry.getKey()) + ": recorded as moved to " + record.folder() + " (" + record.state()
                        + ") but in no folder");
            }
        }
        int finishedInMailbox = (int) mailbox.entrySet().stream().filter(e -> {
            Recorded r = recorded.get(e.getKey());
            return r != null && !r.state().equals("IN_PROGRESS");
        }).count();
        int sum = totals.values().stream().mapToInt(Integer::intValue).sum();
        if (finishedInMailbox != sum) {
            discrepancies.add("seen " + finishedInMailbox + " finished messages in the folders, but the outcomes add up to " + sum);
        }
        return new Result(discrepancies, waiting, totals);
    }

    private static String shortHash(String sha256) {
        return sha256.length() > 8 ? sha256.substring(0, 8) : sha256;
    }
}
