package com.saypro.triage.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one message to one target: a webhook gets a JSON POST (any 2xx is success), an e-mail
 * target a plain-text mail through the {@code spring.mail.*} server. A failure is thrown as
 * {@link DeliveryFailed} with words an administrator can act on.
 */
@Component
class Deliveries {

    static class DeliveryFailed extends Exception {
        DeliveryFailed(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    Deliveries(ObjectProvider<JavaMailSender> mail, @Value("${triage.notify.timeout:10s}") Duration timeout,
            @Value("${triage.notify.mail-from:triage@localhost}") String from) {
        this.mail = mail;
        this.timeout = timeout;
        this.from = from;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void send(NotificationTarget target, NotificationMessages.Message message) throws DeliveryFailed {
        if (NotificationTarget.WEBHOOK.equals(target.kind())) {
            webhook(target.address(), message);
        } else {
            mail(target.address(), message);
        }
    }

    private void webhook(String url, NotificationMessages.Message message) throws DeliveryFailed {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(NotificationMessages.webhookJson(message),
                        StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String body = response.body() == null ? "" : response.body().strip();
                throw new DeliveryFailed("HTTP " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
            }
        } catch (IOException e) {
            throw new DeliveryFailed("could not reach " + URI.create(url).getHost() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted");
        }
    }

    private void mail(String to, NotificationMessages.Message message) throws DeliveryFailed {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailed("no mail server configured (set spring.mail.host)");
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to.split("\\s*,\\s*"));
        mail.setSubject(message.subject());
        mail.setText(message.body());
        try {
            sender.send(mail);
        } catch (MailException e) {
            throw new DeliveryFailed("mail not sent: " + e.getMessage());
        }
    }
}
