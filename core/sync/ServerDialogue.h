#pragma once

#include "common/Error.h"
#include "net/TlsTypes.h"
#include "pop3/Types.h"
#include "sync/ServerLink.h"

#include <QObject>

#include <memory>
#include <optional>

namespace Sync {

// Where a talk with a server is (ServerDialogue::stageChanged()).
enum class Stage {
    Connecting,  // connecting, reading the greeting and capabilities, TLS
    LoggingIn,   // the credentials are on their way
    Working,     // logged in: the job's own work
    Closing,     // QUIT sent, its answer awaited
};

// The skeleton of every talk with a server: open the link (connect,
// capabilities, TLS), settle a certificate the system does not trust, log
// in, hand over to the subclass's work, QUIT and wait for its answer; cancel
// at any point; end with a typed failure or none, exactly once, never from
// inside start() or cancel(). The password is wiped once it has been sent
// (or when the dialogue ends). What is specific to a protocol sits behind
// ServerLink: a subclass makes the link, the skeleton drives it.
class ServerDialogue : public QObject
{
    Q_OBJECT
public:
    ~ServerDialogue() override;

    // Begins on the event loop.
    void start();
    // Stops at once (the link is dropped, no QUIT: the server applies
    // nothing); ends with Cancelled unless it has ended already.
    void cancel();
    [[nodiscard]] bool isFinished() const { return m_finished; }
    // The latest stage (Connecting until the first link opens).
    [[nodiscard]] Stage stage() const { return m_stage; }

Q_SIGNALS:
    // Each step of the skeleton, in order; a job that opens a second link
    // starts again at Connecting.
    void stageChanged(Sync::Stage stage);

protected:
    ServerDialogue(Pop3::Credentials credentials, QObject *parent);

    // After start(), on the event loop (not after a cancel): prepares and
    // calls openLink(), or fail().
    virtual void begin() = 0;
    // Opens `opening` (owned from here on) with the skeleton's steps wired.
    void openLink(ServerLink *opening);
    // The open link (null between links).
    [[nodiscard]] ServerLink *link() const { return m_link; }

    // The link is open. The default logs in.
    virtual void linkOpened() { login(); }
    // Sends the credentials; the password is wiped unless `keepSecret`
    // (another login follows).
    void login(bool keepSecret = false);
    void wipeSecret();
    // A certificate the system does not trust (also kept in certificate()).
    // The default rejects it; answerCertificate() may come later.
    virtual void askCertificate(const Net::CertificateProblem &problem);
    void answerCertificate(Net::CertificateDecision decision);
    // Logged in: the default goes to work().
    virtual void loginSucceeded() { work(); }
    // The subclass's work, which ends in quit() or fail().
    virtual void work() = 0;
    // The server refused the login (the default keeps it as the failure); QUIT follows.
    virtual void loginRefused(const Poplar::Error &error);
    // Says goodbye (deletions take effect): quitConfirmed() or linkLost().
    void quit();
    [[nodiscard]] bool quitting() const { return m_quitting; }
    // The server answered QUIT; the link is released. The default ends.
    virtual void quitConfirmed() { end(); }
    // The link dropped (or was cancelled, or failed); it is released. The
    // default keeps the error as the failure (unless one is known) and ends.
    virtual void linkLost(const Poplar::Error &error, bool quitWasSent);

    // The link is about to go (its last look: the protocol log).
    virtual void releasing(ServerLink *going) { Q_UNUSED(going); }

    // Keeps the first failure; drops the link (linkLost() follows) or ends.
    void fail(Poplar::Error error);
    // Ends once readyToEnd(): wipes the password, calls ended().
    void end();
    [[nodiscard]] virtual bool readyToEnd() const { return true; }
    // Called once, at the end: the subclass reports (m_failure: why it failed).
    virtual void ended() = 0;

    [[nodiscard]] bool cancelled() const { return m_cancelled; }
    [[nodiscard]] const std::optional<Net::CertificateProblem> &certificate() const { return m_certificate; }

    Pop3::Credentials m_credentials;
    std::optional<Poplar::Error> m_failure;  // the first failure

private:
    void releaseLink();
    void enter(Stage stage);

    ServerLink *m_link = nullptr;  // released with deleteLater()
    Stage m_stage = Stage::Connecting;
    std::optional<Net::CertificateProblem> m_certificate;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_quitting = false;
};

}  // namespace Sync
