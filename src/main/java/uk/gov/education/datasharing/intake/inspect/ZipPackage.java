package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.SafeXml;

/**
 * A zip-based document package (Office Open XML, OpenDocument) opened on the spool's channel for a reader: the
 * entry count is checked before the directory is read, the reader's failures become facts (past the inflate
 * budget: too complex; anything else: unreadable), and each part is read as streaming XML within the budget.
 */
final class ZipPackage {

    /** What a reader does with the opened package. */
    @FunctionalInterface
    interface Work {
        void run(ZipFile zip) throws IOException, XMLStreamException;
    }

    /** Reads one part's XML, returning what the reader needs from it (or null). */
    @FunctionalInterface
    interface PartReader<T> {
        T read(XMLStreamReader xml) throws XMLStreamException;
    }

    /** Reads one part's XML into the facts. */
    @FunctionalInterface
    interface PartVisitor {
        void read(XMLStreamReader xml) throws XMLStreamException;
    }

    private ZipPackage() {
    }

    static ContentFacts read(SeekableByteChannel channel, long maxEntries, ContentFacts.Collector facts, Work work) throws IOException {
        long entries = ZipDirectory.entryCount(channel);
        if (entries < 0) {
            facts.unreadable = true;
            return facts.build();
        }
        if (entries > maxEntries) {
            facts.tooComplex = true;
            return facts.build();
        }
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            work.run(zip);
        } catch (IOException | XMLStreamException | RuntimeException e) {
            if (InflateBudget.exhausted(e)) {
                facts.tooComplex = true;
            } else {
                facts.unreadable = true;
            }
        }
        return facts.build();
    }

    static <T> T part(ZipFile zip, ZipArchiveEntry entry, InflateBudget budget, PartReader<T> reader) throws IOException, XMLStreamException {
        XMLStreamReader xml = SafeXml.reader(budget.wrap(zip.getInputStream(entry)));
        try {
            return reader.read(xml);
        } finally {
            xml.close();
        }
    }

    static void visit(ZipFile zip, ZipArchiveEntry entry, InflateBudget budget, PartVisitor visitor) throws IOException, XMLStreamException {
        part(zip, entry, budget, xml -> {
            visitor.read(xml);
            return null;
        });
    }
}
