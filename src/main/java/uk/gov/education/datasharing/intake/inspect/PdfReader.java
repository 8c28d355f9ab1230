package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads a PDF with Apache PDFBox through random access to the encrypted spool: whether it needs a password,
 * whether any object holds JavaScript or a launch action (every object in the cross-reference table,
 * including those inside object streams, and the dictionaries nested in them), and the text of the first
 * pages for recognition. Object count, nesting and pages read are bounded.
 */
final class PdfReader {

    private static final COSName LAUNCH = COSName.getPDFName("Launch");
    private static final int MAX_NESTING = 32;
    private static final int TEXT_PAGES = 2;

    private final int maxObjects;

    PdfReader(int maxObjects) {
        this.maxObjects = maxObjects;
    }

    ContentFacts read(SeekableByteChannel channel) {
        ContentFacts.Collector facts = new ContentFacts.Collector();
        try (PDDocument pdf = Loader.loadPDF(new ChannelRandomAccess(channel))) {
            COSDocument cos = pdf.getDocument();
            var keys = new ArrayList<>(cos.getXrefTable().keySet());
            if (keys.size() > maxObjects) {
                facts.tooComplex = true;
                return facts.build();
            }
            inspect(cos.getTrailer(), facts, 0);
            for (COSObjectKey key : keys) {
                COSObject object = cos.getObjectFromPool(key);
                inspect(object.getObject(), facts, 0);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(TEXT_PAGES);
            for (String line : stripper.getText(pdf).lines().toList()) {
                if (!facts.paragraph(line)) {
                    break;
                }
            }
        } catch (InvalidPasswordException e) {
            facts.encrypted = true;
        } catch (IOException | RuntimeException e) {
            facts.unreadable = true;
        }
        return facts.build();
    }

    /** Checks one object and the dictionaries and arrays written directly inside it (references are visited from the table). */
    private static void inspect(COSBase base, ContentFacts.Collector facts, int depth) {
        if (base == null || depth > MAX_NESTING) {
            return;
        }
        if (base instanceof COSDictionary dictionary) {
            if (dictionary.containsKey(COSName.JS) || dictionary.containsKey(COSName.JAVA_SCRIPT)) {
                facts.scripts = true;
            }
            COSName action = dictionary.getCOSName(COSName.S);
            if (COSName.JAVA_SCRIPT.equals(action)) {
                facts.scripts = true;
            } else if (LAUNCH.equals(action)) {
                facts.launchActions = true;
            }
            for (COSBase value : dictionary.getValues()) {
                if (value instanceof COSDictionary || value instanceof COSArray) {
                    inspect(value, facts, depth + 1);
                }
            }
        } else if (base instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                COSBase value = array.get(i);
                if (value instanceof COSDictionary || value instanceof COSArray) {
                    inspect(value, facts, depth + 1);
                }
            }
        }
    }
}
