package uk.gov.education.datasharing.intake;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged logging configuration: logs on stderr (stdout is a command's output), document parsers silent (they quote files). */
class LoggingConfigurationTest {

    private static Document packaged() throws Exception {
        try (InputStream in = Gateway.class.getResourceAsStream("/logback.xml")) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    @Test
    void logsGoToStderrSoThatStdoutHoldsOnlyACommandsOutput() throws Exception {
        Document config = packaged();
        NodeList appenders = config.getElementsByTagName("appender");
        NodeList targets = config.getElementsByTagName("target");
        assertThat(appenders.getLength()).as("one console appender; LogEncoder chooses text or JSON").isEqualTo(1);
        assertThat(targets.getLength()).isEqualTo(appenders.getLength());
        for (int i = 0; i < targets.getLength(); i++) {
            assertThat(targets.item(i).getTextContent().trim()).isEqualTo("System.err");
        }
    }

    @Test
    void documentParsersLogNothingSinceTheirMessagesQuoteTheFiles() throws Exception {
        NodeList loggers = packaged().getElementsByTagName("logger");
        Map<String, String> levels = new HashMap<>();
        for (int i = 0; i < loggers.getLength(); i++) {
            Element logger = (Element) loggers.item(i);
            levels.put(logger.getAttribute("name"), logger.getAttribute("level"));
        }
        assertThat(levels).containsEntry("org.apache.poi", "OFF").containsEntry("org.apache.tika", "OFF")
                .containsEntry("org.apache.pdfbox", "OFF").containsEntry("org.apache.fontbox", "OFF");
    }
}
