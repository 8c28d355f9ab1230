package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** Reads a JFR recording's CPU samples and says where the time went: by thread, by hottest method, and by the gateway's own method on the stack. */
final class JfrSummary {

    private static final String OURS = "uk.gov.education.datasharing.intake.";

    private JfrSummary() {
    }

    static String hotMethods(Path recording, int top) throws IOException {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
            self.merge(name(frames.get(0)), 1, Integer::sum);
            // the gateway's stage classes: the outermost of ours below the route, i.e. the deepest frame that is still a stage
            String stage = null;
            for (RecordedFrame f : frames) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith(OURS) && !type.endsWith("MessageIntake") && !type.endsWith("StageTimings") && !type.contains("WithinDeadline")
                        && !type.endsWith("MailboxAdapter")) {
                    stage = name(f);
                }
                if (type.endsWith("MessageIntake")) {
                    break;
                }
            }
            ours.merge(stage == null ? "(outside the stages)" : stage, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "JFR %s: %d CPU samples%n", recording.getFileName(), samples));
        append(out, "by thread", threads, samples, top);
        append(out, "hottest methods (self)", self, samples, top);
        append(out, "by the gateway's outermost method under MessageIntake (inclusive)", ours, samples, top);
        return out.toString();
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static void append(StringBuilder out, String title, Map<String, Integer> counts, int samples, int top) {
        out.append("  ").append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey())));
    }
}
