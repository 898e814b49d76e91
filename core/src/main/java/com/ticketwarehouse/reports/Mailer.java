package com.ticketwarehouse.reports;

/** Where report mail goes out: an SMTP server, or Amazon SES on aws. */
public interface Mailer {
    /** Sends one message; returns once the server has accepted it, or fails. */
    void send(Mail mail);
}
