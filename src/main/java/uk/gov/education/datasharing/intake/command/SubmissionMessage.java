package uk.gov.education.datasharing.intake.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Files on disk as the message an applicant would send: one attachment each, declared only as bytes so that
 * content alone decides what each is, streamed from the file when read. {@code validate} hands it to the
 * gateway's own extract stage.
 */
final class SubmissionMessage {

    private SubmissionMessage() {
    }

    static MimeMessage of(List<Path> files) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        for (Path file : files) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new FileDataSource(file.toFile()) {
                @Override
                public String getContentType() {
                    return "application/octet-stream";
                }
            }));
            part.setDisposition(Part.ATTACHMENT);
            part.setFileName(file.getFileName().toString());
            mixed.addBodyPart(part);
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }
}
