package org.skillpath.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.skillpath.infra.EmbeddedSmtp;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * GreenMail has no web page: this lists the mails the local stack sent, at http://127.0.0.1:8025/ (HTML)
 * and http://127.0.0.1:8025/mails (JSON). Loopback only.
 */
final class MailViewer implements AutoCloseable {

    private final HttpServer server;
    private final EmbeddedSmtp smtp;
    private final ObjectMapper json = JsonMapper.builder().build();

    MailViewer(EmbeddedSmtp smtp, int port) throws IOException {
        this.smtp = smtp;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/mails", this::json);
        server.createContext("/", this::html);
        server.start();
    }

    private void json(HttpExchange exchange) throws IOException {
        respond(exchange, "application/json", json.writerWithDefaultPrettyPrinter().writeValueAsString(smtp.summaries()));
    }

    private void html(HttpExchange exchange) throws IOException {
        List<EmbeddedSmtp.ReceivedMail> mails = smtp.summaries();
        StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Skillpath mails</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
                + "article{border:1px solid #888;border-radius:6px;padding:1rem;margin:1rem 0}"
                + "pre{white-space:pre-wrap}</style></head><body><h1>Mails sent by the local stack ("
                + mails.size() + ")</h1>");
        for (int i = mails.size() - 1; i >= 0; i--) {
            EmbeddedSmtp.ReceivedMail m = mails.get(i);
            b.append("<article><h2>").append(escape(m.subject())).append("</h2><p>To: ")
                    .append(escape(String.join(", ", m.to()))).append("<br>Sent: ").append(escape(m.sentAt()))
                    .append("</p><pre>").append(escape(m.text())).append("</pre></article>");
        }
        respond(exchange, "text/html; charset=utf-8", b.append("</body></html>").toString());
    }

    private static void respond(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
