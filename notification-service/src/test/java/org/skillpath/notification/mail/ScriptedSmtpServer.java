package org.skillpath.notification.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that counts what {@link SmtpConnection} does to it: connections, mails, QUITs. It
 * accepts every mail except to addresses starting with {@code reject}, and can drop its open connections the way
 * a server closes idle ones.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> mails = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger quits = new AtomicInteger();

    ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    int quits() {
        return quits.get();
    }

    /** The Message-ID header of each mail received, in order. */
    List<String> messageIds() {
        return List.copyOf(mails);
    }

    /** Closes every open connection, as a server does with idle ones. */
    void dropConnections() throws IOException {
        for (Socket s : open) {
            s.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread session = new Thread(() -> converse(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8)) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("RCPT") && command.contains("<REJECT")) {
                    reply(out, "550 5.1.1 no such user");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    String messageId = null;
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        if (messageId == null && line.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
                            messageId = line.substring("message-id:".length()).trim();
                        }
                    }
                    mails.add(String.valueOf(messageId));
                    reply(out, "250 2.0.0 accepted");
                } else if (command.startsWith("QUIT")) {
                    quits.incrementAndGet();
                    reply(out, "221 bye");
                    return;
                } else {
                    // EHLO, MAIL, RCPT, RSET, NOOP
                    reply(out, "250 OK");
                }
            }
        } catch (IOException dropped) {
            // The connection was dropped (dropConnections) or the client went away.
        } finally {
            open.remove(client);
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
