#pragma once

// Test support: a plaintext POP3 server on 127.0.0.1 (port 0) that answers
// each command by its verb from a table, for replies a real server will
// not give (hostile texts, temporary failures). It records every line a
// client sent.

#include <QByteArrayList>
#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

namespace PoplarTest {

class ScriptedPop3Server : public QTcpServer
{
public:
    QByteArray greeting = "+OK ready";
    // Verb (upper case) → the whole reply, CRLF included.
    QHash<QByteArray, QByteArray> replies { { "QUIT", "+OK bye\r\n" } };
    QByteArray otherwise = "-ERR unknown command\r\n";
    QByteArrayList commands;

    ScriptedPop3Server()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection())
                serve(s);
        });
    }

    bool start() { return listen(QHostAddress::LocalHost); }

private:
    void serve(QTcpSocket *s)
    {
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        s->write(greeting + "\r\n");
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
            *buffer += s->readAll();
            for (qsizetype end = buffer->indexOf("\r\n"); end >= 0; end = buffer->indexOf("\r\n")) {
                const QByteArray line = buffer->left(end);
                buffer->remove(0, end + 2);
                commands << line;
                const QByteArray verb = line.split(' ').first().toUpper();
                s->write(replies.value(verb, otherwise));
                if (verb == "QUIT")
                    s->disconnectFromHost();
            }
        });
    }
};

}  // namespace PoplarTest
