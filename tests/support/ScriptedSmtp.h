#pragma once

// Test support: an SMTP server behind a FakeTransport that answers what the
// client writes, for the faults a real server will not produce on demand.
// `afterDots` says what happens once each message's final dot arrived.

#include "net/FakeTransport.h"

#include <QList>
#include <QMetaObject>

namespace PoplarTest {

struct ScriptedSmtp {
    enum class AfterDot { Accept, Close, Refuse, Busy };
    QList<AfterDot> afterDots;  // per message, in order; Accept when the list is out
    QByteArray rcptReply = "250 2.1.5 ok";
    QByteArray authReply = "235 2.7.0 ok";
    QByteArray ehloReply = "250-smtp.example.test\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n";
    int connections = 0;  // transports attached
    QByteArray received;  // every byte the client wrote
    bool closeDuringData = false;
    int mailCommands = 0;
    QList<QByteArray> messages;  // what arrived before each dot

    QByteArray in;
    bool inData = false;

    Net::FakeTransport *attach(Net::FakeTransport *t)
    {
        ++connections;
        t->setServerListener([this, t] { onWritten(t); });
        QMetaObject::invokeMethod(
            t,
            [t] {
                t->serverAccepts();
                t->serverSends("220 smtp.example.test ESMTP\r\n");
            },
            Qt::QueuedConnection);
        return t;
    }

    void onWritten(Net::FakeTransport *t)
    {
        const QByteArray written = t->takeWritten();
        received += written;
        in += written;
        while (true) {
            if (inData) {
                const qsizetype end = in.indexOf("\r\n.\r\n");
                if (end < 0)
                    return;
                messages.append(in.left(end + 2));
                in.remove(0, end + 5);
                inData = false;
                const AfterDot what = afterDots.isEmpty() ? AfterDot::Accept : afterDots.takeFirst();
                switch (what) {
                case AfterDot::Accept: t->serverSends("250 2.0.0 queued\r\n"); break;
                case AfterDot::Refuse: t->serverSends("554 5.7.1 content refused\r\n"); break;
                case AfterDot::Busy: t->serverSends("451 4.3.0 try later\r\n"); break;
                case AfterDot::Close: t->serverCloses(); return;
                }
                continue;
            }
            const qsizetype eol = in.indexOf("\r\n");
            if (eol < 0)
                return;
            const QByteArray line = in.left(eol);
            in.remove(0, eol + 2);
            if (line.startsWith("EHLO"))
                t->serverSends(ehloReply);
            else if (line.startsWith("AUTH"))
                t->serverSends(authReply + "\r\n");
            else if (line.startsWith("MAIL")) {
                ++mailCommands;
                t->serverSends("250 2.1.0 ok\r\n");
            } else if (line.startsWith("RCPT"))
                t->serverSends(rcptReply + "\r\n");
            else if (line == "DATA") {
                inData = true;
                if (closeDuringData) {
                    // The network takes nothing more; the server goes away
                    // while the client still has most of the message to send.
                    t->setHoldWrites(true);
                    t->serverSends("354 go ahead\r\n");
                    QMetaObject::invokeMethod(t, [t] { t->serverCloses(); }, Qt::QueuedConnection);
                    return;
                }
                t->serverSends("354 go ahead\r\n");
            } else if (line == "RSET")
                t->serverSends("250 2.0.0 ok\r\n");
            else if (line == "QUIT") {
                t->serverSends("221 2.0.0 bye\r\n");
                t->serverCloses();
                return;
            } else
                t->serverSends("500 5.5.1 what?\r\n");
        }
    }
};

}  // namespace PoplarTest
