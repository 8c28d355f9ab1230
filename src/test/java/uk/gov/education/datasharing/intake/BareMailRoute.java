package uk.gov.education.datasharing.intake;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;

import org.apache.camel.CamelContext;
import org.apache.camel.attachment.Attachment;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;

/**
 * The yardstick for {@link BacklogBenchmark}: the least a Camel route can do for this mailbox. It polls the same IMAP
 * folder the same way (camel-mail, peek, move to Processed after the exchange), saves every attachment to a folder and
 * sends the sender a one-line reply by SMTP. No checks, no encryption, no database. Run in its own JVM by the benchmark:
 * {@code BareMailRoute imapPort user password smtpPort attachmentsDir pollDelayMs}.
 */
public final class BareMailRoute {

    private BareMailRoute() {
    }

    public static void main(String[] args) throws Exception {
        int imapPort = Integer.parseInt(args[0]);
        String user = args[1];
        String password = args[2];
        int smtpPort = Integer.parseInt(args[3]);
        Path saved = Files.createDirectories(Path.of(args[4]));
        String pollDelay = args[5];
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("imap://127.0.0.1:" + imapPort + "?username=" + user + "&password=RAW(" + password + ")&delete=false&peek=true"
                        + "&unseen=false&moveTo=Processed&delay=" + pollDelay + "&maxMessagesPerPoll=50")
                        .routeId("bare")
                        .process(exchange -> {
                            Map<String, Attachment> attachments = exchange.getIn(AttachmentMessage.class).getAttachmentObjects();
                            if (attachments != null) {
                                for (Map.Entry<String, Attachment> a : attachments.entrySet()) {
                                    DataHandler data = a.getValue().getDataHandler();
                                    try (InputStream in = data.getInputStream()) {
                                        Files.copy(in, saved.resolve(UUID.randomUUID() + ".bin"));
                                    }
                                }
                            }
                            Message mail = exchange.getIn(MailMessage.class).getOriginalMessage();
                            String from = ((InternetAddress) mail.getFrom()[0]).getAddress();
                            String subject = mail.getSubject();
                            DefaultMessage reply = new DefaultMessage(exchange);
                            reply.setHeader("To", from);
                            reply.setHeader("From", user);
                            reply.setHeader("Subject", "Re: " + subject);
                            reply.setBody("We have received your message.");
                            exchange.setMessage(reply);
                        })
                        .to("smtp://127.0.0.1:" + smtpPort);
            }
        });
        camel.start();
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
