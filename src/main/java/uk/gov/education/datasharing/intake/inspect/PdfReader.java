package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.re2j.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads a PDF with Apache PDFBox through random access to the encrypted spool: whether it needs a password or
 * a certificate, and whether any object (every object in the cross-reference table, including those inside
 * object streams, and the dictionaries nested in them) holds JavaScript, an XFA form with scripts, an action
 * that leaves the document (Launch, GoToR, GoToE, SubmitForm, ImportData; a web address opened by itself when
 * the document opens or a page shows; any network path), an embedded file or a RichMedia (Flash) object. Then
 * the text of the first pages for recognition. Object count, nesting, XFA size and pages read are bounded.
 * Embedded files are refused rather than unpacked (docs/adr/0008).
 */
final class PdfReader {

    private static final COSName LAUNCH = COSName.getPDFName("Launch");
    private static final Set<COSName> LEAVING_ACTIONS = Set.of(LAUNCH, COSName.getPDFName("GoToR"), COSName.getPDFName("GoToE"),
            COSName.getPDFName("SubmitForm"), COSName.getPDFName("ImportData"));
    private static final COSName URI_ACTION = COSName.getPDFName("URI");
    private static final COSName AUTOMATIC = COSName.getPDFName("AA");
    private static final COSName XFA = COSName.getPDFName("XFA");
    private static final Set<COSName> EMBEDDING = Set.of(COSName.EF, COSName.EMBEDDED_FILES, COSName.getPDFName("EmbeddedFile"),
            COSName.getPDFName("FileAttachment"), COSName.getPDFName("RichMedia"), COSName.getPDFName("RichMediaContent"));
    private static final Pattern NETWORK_PATH = Pattern.compile("(?i)^\\s*(file:|smb:|\\\\\\\\|//)");
    private static final byte[] CERTIFICATE_ENCRYPTION = "/Adobe.PubSec".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_XFA_BYTES = 8 << 20;
    private static final int MAX_FOLLOWED = 10_000;
    private static final int MAX_XFA_STREAMS = 20;
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
            int[] followed = {0};
            inspect(cos.getTrailer(), facts, 0, false, followed);
            for (COSObjectKey key : keys) {
                COSObject object = cos.getObjectFromPool(key);
                inspect(object.getObject(), facts, 0, false, followed);
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
            // PDFBox cannot open a PDF encrypted to a certificate without its key, and says only IOException
            facts.encrypted = mentions(channel, CERTIFICATE_ENCRYPTION);
            facts.unreadable = !facts.encrypted;
        }
        return facts.build();
    }

    /** Whether the raw file holds the bytes, read in chunks that overlap by the needle's length. */
    private static boolean mentions(SeekableByteChannel channel, byte[] needle) {
        try {
            channel.position(0);
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) > 0 || buffer.position() > 0) {
                buffer.flip();
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                if (indexOf(chunk, needle) >= 0) {
                    return true;
                }
                buffer.clear();
                if (chunk.length < needle.length || channel.position() >= channel.size()) {
                    return false;
                }
                buffer.put(chunk, chunk.length - needle.length + 1, needle.length - 1);
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Checks one object and the dictionaries and arrays written directly inside it (references are visited from the
     * table, except an open action's or additional action's, which are followed here to know they run by themselves).
     */
    private static void inspect(COSBase base, ContentFacts.Collector facts, int depth, boolean automatic, int[] followed) {
        if (base == null || depth > MAX_NESTING) {
            return;
        }
        if (base instanceof COSDictionary dictionary) {
            action(dictionary, facts, automatic);
            if (dictionary.containsKey(XFA)) {
                xfa(dictionary.getDictionaryObject(XFA), facts, followed);
            }
            for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                COSName key = entry.getKey();
                COSBase value = entry.getValue();
                if (EMBEDDING.contains(key) || value instanceof COSName name && EMBEDDING.contains(name)) {
                    facts.embeddedObjects = true;
                }
                boolean runsByItself = automatic || key.equals(COSName.OPEN_ACTION) || key.equals(AUTOMATIC);
                if (runsByItself && value instanceof COSObject reference) {
                    value = follow(reference, facts, followed);
                }
                if (value instanceof COSDictionary || value instanceof COSArray) {
                    inspect(value, facts, depth + 1, runsByItself, followed);
                }
            }
        } else if (base instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                COSBase value = array.get(i);
                if (automatic && value instanceof COSObject reference) {
                    value = follow(reference, facts, followed);
                }
                if (value instanceof COSDictionary || value instanceof COSArray) {
                    inspect(value, facts, depth + 1, automatic, followed);
                }
            }
        }
    }

    /** Follows a reference from an automatic action, at most MAX_FOLLOWED times per file (a chain can branch and loop). */
    private static COSBase follow(COSObject reference, ContentFacts.Collector facts, int[] followed) {
        if (++followed[0] > MAX_FOLLOWED) {
            facts.tooComplex = true;
            return null;
        }
        return reference.getObject();
    }

    private static void action(COSDictionary dictionary, ContentFacts.Collector facts, boolean automatic) {
        if (dictionary.containsKey(COSName.JS) || dictionary.containsKey(COSName.JAVA_SCRIPT)) {
            facts.scripts = true;
        }
        COSName action = dictionary.getCOSName(COSName.S);
        if (COSName.JAVA_SCRIPT.equals(action)) {
            facts.scripts = true;
        } else if (action != null && LEAVING_ACTIONS.contains(action)) {
            facts.launchActions = true;
        } else if (URI_ACTION.equals(action)) {
            String uri = dictionary.getString(URI_ACTION);
            if (uri != null && NETWORK_PATH.matcher(uri).find()) {
                facts.remote("a link to a network share");
            } else if (automatic) {
                facts.remote("a web address opened by itself");
            }
        }
    }

    /** An XFA form: a stream, or an array of names and streams; scripts inside it run in the reader. */
    private static void xfa(COSBase form, ContentFacts.Collector facts, int[] followed) {
        if (form instanceof COSStream stream) {
            facts.scripts |= containsScript(stream, facts, followed);
        } else if (form instanceof COSArray parts) {
            for (int i = 0; i < parts.size() && !facts.scripts; i++) {
                if (parts.getObject(i) instanceof COSStream stream) {
                    facts.scripts |= containsScript(stream, facts, followed);
                }
            }
        }
    }

    /** Reads at most MAX_XFA_STREAMS form streams per file: many form dictionaries can name the same large stream. */
    private static boolean containsScript(COSStream stream, ContentFacts.Collector facts, int[] followed) {
        followed[0] += MAX_FOLLOWED / MAX_XFA_STREAMS;
        if (followed[0] > MAX_FOLLOWED) {
            facts.tooComplex = true;
            return false;
        }
        try (InputStream in = stream.createInputStream()) {
            byte[] xml = in.readNBytes(MAX_XFA_BYTES);
            String text = new String(xml, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            return text.contains("<script") || text.contains(":script") || in.read() >= 0;
        } catch (IOException e) {
            return true; // a form we cannot read we cannot clear
        }
    }
}
