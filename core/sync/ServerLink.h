#pragma once

#include "common/Error.h"
#include "net/TlsTypes.h"
#include "pop3/Types.h"

#include <QObject>

namespace Sync {

// What a ServerDialogue needs of a protocol connection: open it (greeting,
// capabilities, TLS), settle a certificate the system does not trust, log
// in, say goodbye, or drop it. Pop3Link gives a Pop3::Connection this shape;
// another protocol's connection gets a link of its own and the same
// skeleton drives it. The credentials are the SASL ones every protocol
// shares.
//
// Each operation ends in its own signal or in failed(); failed() is fatal.
// Signals may come from inside the transport's handlers: release a link
// with deleteLater(), never delete it in a slot.
class ServerLink : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Connect, greeting, capabilities, TLS: opened(), certificateDecisionNeeded() or failed().
    virtual void open() = 0;
    // The answer to certificateDecisionNeeded(): Reject ends in failed();
    // AcceptOnce and Pin go on trusting exactly that certificate.
    virtual void answerCertificate(Net::CertificateDecision decision) = 0;
    virtual void login(const Pop3::Credentials &credentials) = 0;  // loggedIn() or loginFailed()
    virtual void quit() = 0;                                       // quitConfirmed()
    // Drops the link at once, without goodbye: failed(Cancelled) follows.
    virtual void cancel() = 0;
    [[nodiscard]] virtual bool isOpen() const = 0;
    // QUIT went out: if the link drops now, whether the server applied
    // what it was asked to is unknown.
    [[nodiscard]] virtual bool quitSent() const = 0;
    // The conversation so far, secrets masked, for the user to read.
    [[nodiscard]] virtual QString protocolLogText() const = 0;

Q_SIGNALS:
    void opened();
    void certificateDecisionNeeded(const Net::CertificateProblem &problem);
    void loggedIn();
    void loginFailed(const Poplar::Error &error);
    void quitConfirmed();
    void failed(const Poplar::Error &error);
};

}  // namespace Sync
