package com.ticketwarehouse.reports;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One message of a report to one recipient: an HTML body and its files attached. Its Message-ID
 * is chosen by the delivery ledger before it is sent and kept by {@link #mime}, so that a resend
 * after a crash is the same message to the recipient's server and mail client.
 *
 * @param attachments file name to content, in order
 */
public record Mail(String from, String to, String subject, String html, Map<String, byte[]> attachments, String messageId) {

    /** The message as MIME, with our Message-ID (JavaMail would otherwise give it a new one each time it is saved). */
    public MimeMessage mime(Session session) {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(new InternetAddress(from));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            MimeMultipart parts = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(html, "text/html; charset=utf-8");
            parts.addBodyPart(body);
            for (Map.Entry<String, byte[]> file : attachments.entrySet()) {
                MimeBodyPart attachment = new MimeBodyPart();
                String type = file.getKey().endsWith(".pdf") ? "application/pdf" : file.getKey().endsWith(".csv") ? "text/csv" : "application/octet-stream";
                attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(file.getValue(), type)));
                attachment.setFileName(file.getKey());
                parts.addBodyPart(attachment);
            }
            message.setContent(parts);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("the message to " + to + " could not be made: " + e.getMessage(), e);
        }
    }

    /** The raw message (RFC 5322), as SES takes it. */
    public byte[] raw(Session session) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime(session).writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
