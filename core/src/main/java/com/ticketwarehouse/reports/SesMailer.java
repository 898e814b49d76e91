package com.ticketwarehouse.reports;

import jakarta.mail.Session;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.RawMessage;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.util.Properties;
import java.util.function.Supplier;

/** Report mail through Amazon SES (v2), as the same raw MIME message the SMTP path sends, from the sender identity. */
public final class SesMailer implements Mailer {
    private final Supplier<SesV2Client> ses;
    private final Session session = Session.getInstance(new Properties());

    /** @param ses made on first use, so that a command that sends nothing needs no AWS */
    public SesMailer(Supplier<SesV2Client> ses) {
        this.ses = ses;
    }

    @Override
    public void send(Mail mail) {
        ses.get().sendEmail(SendEmailRequest.builder().fromEmailAddress(mail.from())
                .destination(d -> d.toAddresses(mail.to()))
                .content(EmailContent.builder().raw(RawMessage.builder().data(SdkBytes.fromByteArray(mail.raw(session))).build()).build())
                .build());
    }
}
