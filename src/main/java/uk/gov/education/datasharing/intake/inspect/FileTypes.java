package uk.gov.education.datasharing.intake.inspect;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the gateway knows about media types: which are accepted, which run code, and how to name them. */
final class FileTypes {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PDF = "application/pdf";
    static final String ZIP = "application/zip";
    static final String OOXML_PROTECTED = "application/x-tika-ooxml-protected";

    /** Families, used to compare what a name or a declared type says with what the content is. */
    enum Family { WORD, EXCEL, PDF, IMAGE, ARCHIVE, TEXT, PROGRAM, OTHER }

    static final Set<String> ACCEPTED_DOCUMENTS = Set.of(DOCX, XLSX, PDF);
    static final Set<String> ACCEPTED_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/tiff", "image/bmp",
            "image/heic", "image/heif", "image/webp");

    private static final Set<String> PROGRAMS = Set.of("application/x-msdownload", "application/x-dosexec",
            "application/x-executable", "application/x-sharedlib", "application/x-elf", "application/x-coredump",
            "application/x-object", "application/x-mach-o", "application/x-mach-o-executable", "application/x-mach-o-dylib",
            "application/x-mach-o-bundle", "application/x-mach-o-universal", "application/java-archive", "application/java-vm",
            "application/x-java-jnlp-file", "application/x-ms-installer", "application/x-msi", "application/x-sh",
            "application/x-csh", "application/x-bat", "application/x-msdos-program", "application/javascript",
            "text/javascript", "application/x-javascript", "text/x-python", "application/x-python", "text/x-perl",
            "application/x-perl", "text/x-php", "application/x-httpd-php", "text/x-vbscript", "text/vbscript",
            "application/hta", "application/x-ms-shortcut", "application/vnd.microsoft.portable-executable",
            "application/x-apple-diskimage", "application/vnd.android.package-archive", "application/x-iso9660-image",
            "application/x-ms-wim", "application/vnd.ms-cab-compressed", "application/x-shockwave-flash",
            "application/x-msaccess", "application/x-ms-application", "application/x-silverlight-app",
            "application/x-powershell", "text/x-powershell", "application/x-ms-manifest",
            "application/vnd.ms-htmlhelp", "application/x-chm", "application/winhlp",
            // documents a browser runs: scripts inside them run when the team opens them
            "text/html", "application/xhtml+xml", "image/svg+xml", "application/x-msmetafile");

    /** Extensions that Windows, macOS or a browser would run or install, whatever the content. */
    private static final Set<String> PROGRAM_EXTENSIONS = Set.of("exe", "com", "scr", "pif", "bat", "cmd", "vbs", "vbe",
            "js", "jse", "wsf", "wsh", "ps1", "psm1", "psd1", "msi", "msp", "mst", "hta", "cpl", "jar", "lnk", "reg", "dll",
            "sys", "ocx", "inf", "app", "dmg", "pkg", "sh", "bash", "zsh", "command", "py", "pl", "php", "apk", "iso", "img",
            "vhd", "vhdx", "appx", "msix", "application", "gadget", "scf", "url", "library-ms", "settingcontent-ms", "chm",
            "xll", "xlam", "ppam");

    private static final Map<String, Family> EXTENSIONS = Map.ofEntries(
            Map.entry("docx", Family.WORD), Map.entry("doc", Family.WORD), Map.entry("docm", Family.WORD),
            Map.entry("dotx", Family.WORD), Map.entry("odt", Family.WORD), Map.entry("rtf", Family.WORD),
            Map.entry("xlsx", Family.EXCEL), Map.entry("xls", Family.EXCEL), Map.entry("xlsm", Family.EXCEL),
            Map.entry("xlsb", Family.EXCEL), Map.entry("ods", Family.EXCEL), Map.entry("csv", Family.EXCEL),
            Map.entry("pdf", Family.PDF),
            Map.entry("png", Family.IMAGE), Map.entry("jpg", Family.IMAGE), Map.entry("jpeg", Family.IMAGE),
            Map.entry("gif", Family.IMAGE), Map.entry("tif", Family.IMAGE), Map.entry("tiff", Family.IMAGE),
            Map.entry("bmp", Family.IMAGE), Map.entry("heic", Family.IMAGE), Map.entry("webp", Family.IMAGE),
            Map.entry("zip", Family.ARCHIVE), Map.entry("txt", Family.TEXT));

    private FileTypes() {
    }

    static boolean isProgram(String type) {
        return PROGRAMS.contains(type) || type.startsWith("application/x-mach-o") || type.startsWith("application/x-ms-dos");
    }

    static boolean hasProgramExtension(String fileName) {
        return PROGRAM_EXTENSIONS.contains(extension(fileName));
    }

    /**
     * Types that exist to carry macros. Excel's binary workbook is named "macroenabled" by Tika whether or
     * not it has any, so for it only a VBA part found inside counts.
     */
    static boolean isMacroEnabled(String type) {
        return type.contains("macroenabled") && !type.equals("application/vnd.ms-excel.sheet.binary.macroenabled.12");
    }

    static boolean isOoxml(String type) {
        return type.startsWith("application/vnd.openxmlformats-officedocument.") || type.startsWith("application/vnd.ms-word.")
                || type.startsWith("application/vnd.ms-excel.") || type.startsWith("application/vnd.ms-powerpoint.");
    }

    static boolean isOpenDocument(String type) {
        return type.startsWith("application/vnd.oasis.opendocument.");
    }

    static boolean isOle(String type) {
        return type.equals("application/x-tika-msoffice") || type.equals("application/msword") || type.equals("application/vnd.ms-excel")
                || type.equals("application/vnd.ms-powerpoint") || type.equals(OOXML_PROTECTED) || type.equals("application/vnd.visio")
                || type.equals("application/vnd.ms-outlook") || type.equals("application/x-ms-installer")
                || type.equals("application/x-tika-msworks-spreadsheet") || type.equals("application/vnd.ms-project");
    }

    static boolean isAccepted(String type) {
        return ACCEPTED_DOCUMENTS.contains(type) || ACCEPTED_IMAGES.contains(type);
    }

    static Family family(String type) {
        if (type.equals(DOCX) || type.equals("application/msword") || type.startsWith("application/vnd.ms-word")
                || type.startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml")
                || type.equals("application/vnd.oasis.opendocument.text") || type.equals("application/rtf") || type.equals("text/rtf")) {
            return Family.WORD;
        }
        if (type.equals(XLSX) || type.equals("application/vnd.ms-excel") || type.startsWith("application/vnd.ms-excel")
                || type.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml")
                || type.equals("application/vnd.oasis.opendocument.spreadsheet") || type.equals("text/csv")) {
            return Family.EXCEL;
        }
        if (type.equals(PDF)) {
            return Family.PDF;
        }
        if (type.startsWith("image/")) {
            return Family.IMAGE;
        }
        if (type.equals(ZIP) || type.equals("application/x-zip-compressed")) {
            return Family.ARCHIVE;
        }
        if (isProgram(type)) {
            return Family.PROGRAM;
        }
        if (type.startsWith("text/plain")) {
            return Family.TEXT;
        }
        return Family.OTHER;
    }

    /** The family a file name claims, or null when its extension says nothing we know. */
    static Family familyOfName(String fileName) {
        String ext = extension(fileName);
        return PROGRAM_EXTENSIONS.contains(ext) && !EXTENSIONS.containsKey(ext) ? Family.PROGRAM : EXTENSIONS.get(ext);
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT).strip();
    }

    /** How to tell an applicant what a type is. */
    static String describe(String type) {
        return switch (type) {
            case DOCX -> "a Word document (.docx)";
            case XLSX -> "an Excel workbook (.xlsx)";
            case PDF -> "a PDF";
            case ZIP -> "a zip file";
            case "application/msword" -> "a Word 97-2003 document (.doc)";
            case "application/vnd.ms-excel" -> "an Excel 97-2003 workbook (.xls)";
            case "application/vnd.ms-powerpoint" -> "a PowerPoint 97-2003 presentation (.ppt)";
            case "application/vnd.openxmlformats-officedocument.presentationml.presentation" -> "a PowerPoint presentation (.pptx)";
            case "application/vnd.oasis.opendocument.text" -> "an OpenDocument text file (.odt)";
            case "application/vnd.oasis.opendocument.spreadsheet" -> "an OpenDocument spreadsheet (.ods)";
            case "application/rtf", "text/rtf" -> "a rich text file (.rtf)";
            case "text/csv" -> "a CSV file";
            case "text/plain" -> "a plain text file";
            case "text/html", "application/xhtml+xml" -> "a web page, which can run scripts";
            case "image/svg+xml" -> "an SVG picture, which can run scripts";
            case "application/vnd.apple.pages" -> "an Apple Pages document";
            case "application/vnd.apple.numbers" -> "an Apple Numbers spreadsheet";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.template" -> "a Word template (.dotx)";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.template" -> "an Excel template (.xltx)";
            case "application/vnd.ms-htmlhelp", "application/x-chm" -> "a Windows help file, which can run programs";
            case "application/octet-stream" -> "a file we could not identify";
            default -> type.startsWith("image/") ? "an image (" + type.substring(6) + ")" : "a file of type " + type;
        };
    }
}
