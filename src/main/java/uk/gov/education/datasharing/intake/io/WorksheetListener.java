package uk.gov.education.datasharing.intake.io;

import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A second reader of a workbook's worksheets, fed from the inspector's one streaming pass over each sheet
 * instead of inflating and parsing the sheet again (docs/adr/0022). The inspector calls {@link #open} once the
 * package is open and before any worksheet, {@link #sheet} for each worksheet part it reads, and {@link #close}
 * after the last. None of these may throw: a listener's own failure is its to record, and never changes what
 * inspection finds. If inspection stops early, {@link #close} is not called.
 */
public interface WorksheetListener {

    /** A listener that reads nothing. */
    WorksheetListener NONE = new WorksheetListener() {
        @Override
        public void open(ZipFile zip, InflateBudget budget) {
        }

        @Override
        public SheetEvents sheet(String part) {
            return null;
        }

        @Override
        public void close(ZipFile zip, InflateBudget budget) {
        }
    };

    /** Before the worksheets: may read other parts of the package, within the file's budget. */
    void open(ZipFile zip, InflateBudget budget);

    /** The events of the worksheet in this part (its name in the package), or null when the listener does not want it. */
    SheetEvents sheet(String part);

    /** After the worksheets: may read parts it wanted and was not fed. */
    void close(ZipFile zip, InflateBudget budget);

    /** One worksheet's StAX events as the inspector's reader meets them; the reader is positioned on the event. */
    interface SheetEvents {
        void start(XMLStreamReader xml);

        void characters(XMLStreamReader xml);

        void end(XMLStreamReader xml);
    }
}
