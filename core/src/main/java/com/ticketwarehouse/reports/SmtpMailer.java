package com.ticketwarehouse.reports;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import java.util.Properties;

/**
 * Report mail through any SMTP server ({@code tw.report.smtp.*}), with STARTTLS where the server
 * offers it (required with {@code tls=true}) and a login where a user is set. The password is read
 * from the environment only and never logged.
 */
public final class SmtpMailer implements Mailer {
    private final Session session;
    private final String user;
    private final String password;

    public SmtpMailer(String host, int port, boolean tls, String user, String password, int timeoutMs) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.starttls.enable", "true");
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(tls));
        properties.setProperty("mail.smtp.auth", Boolean.toString(user != null && !user.isEmpty()));
        properties.setProperty("mail.smtp.connectiontimeout", Integer.toString(timeoutMs));
        properties.setProperty("mail.smtp.timeout", Integer.toString(timeoutMs));
        properties.setProperty("mail.smtp.writetimeout", Integer.toString(timeoutMs));
        this.session = Session.getInstance(properties);
        this.user = user;
        this.password = password;
    }

    @Override
    public void send(Mail mail) {
        try {
            if (user == null || user.isEmpty()) {
                Transport.send(mail.mime(session));
            } else {
                Transport.send(mail.mime(session), user, password);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("the SMTP server did not take the message to " + mail.to() + ": " + e.getMessage(), e);
        }
    }
}
