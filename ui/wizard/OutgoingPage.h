#pragma once

#include "accounts/Account.h"
#include "accounts/Discovery.h"
#include "common/Error.h"
#include "net/TlsTypes.h"
#include "sync/OutgoingTest.h"

#include <QPointer>
#include <QWizardPage>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Poplar::Ui {

// The outgoing (SMTP submission) server: looked for like the incoming one
// (RFC 6186 SRV records, then smtp. and mail. of the domain on 465 and
// 587) and shown with what it offers before anything with the password
// goes out. The user uses a server found, types one in, or sets up
// sending later. Use This Server tests it — connect, EHLO, TLS, log in
// with the account's login and password, QUIT; nothing is sent — with the
// certificate question as for POP3; only a passed test leads on. After
// Set Up Manually there is no search: the server is typed in (a guess from
// the incoming server's name is offered), and Search looks when asked.
class OutgoingPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit OutgoingPage(QWidget *parent = nullptr);
    ~OutgoingPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

    [[nodiscard]] bool isSearching() const { return m_discovery && m_discovery->isRunning(); }
    [[nodiscard]] bool isTesting() const { return m_test != nullptr; }
    [[nodiscard]] const std::optional<Accounts::DiscoveryResult> &result() const { return m_result; }
    [[nodiscard]] const Poplar::Error &lastError() const { return m_error; }
    // The outgoing server the account gets, given its incoming settings
    // (the CA file given for the same host serves both; a certificate is
    // trusted by pin only as the user answered for this server): empty
    // host when sending is set up later.
    [[nodiscard]] Accounts::OutgoingServer outgoingServer(const Accounts::Account &incoming) const;
    // Whether the chosen server passed its test (nothing chosen: false).
    [[nodiscard]] bool tested() const;

    // The guess offered for a typed server: the incoming server's host with
    // "pop."/"pop3." turned into "smtp.", else the host itself.
    [[nodiscard]] static QString guessFromIncoming(const QString &incomingHost);

Q_SIGNALS:
    void searchFinished(const Accounts::DiscoveryResult &result);
    void testFinished(bool success);

private:
    enum class Choice { Found, Typed, Later };
    struct Endpoint {
        QString host;
        quint16 port = 0;
        Net::Security security = Net::Security::ImplicitTls;
        friend bool operator==(const Endpoint &, const Endpoint &) = default;
    };

    void startSearch();
    void stopSearch();
    // Forgets a search under way: nothing it finds changes the choice.
    void dropSearch();
    void showResult(const Accounts::DiscoveryResult &result);
    void choiceChanged();
    void showSelected();
    void runTest();
    void stopTest(bool notify = true);
    void askCertificate(const Net::CertificateProblem &problem);
    void testDone(const Sync::OutgoingTestReport &report);
    [[nodiscard]] Choice choice() const;
    [[nodiscard]] std::optional<Accounts::DiscoveredServer> selectedServer() const;
    [[nodiscard]] std::optional<Endpoint> chosenEndpoint() const;
    [[nodiscard]] QString nextStepText(const Poplar::Error &error) const;
    void updateButton();

    QPointer<Accounts::Discovery> m_discovery;
    std::optional<Accounts::DiscoveryResult> m_result;
    QString m_searchedEmail;
    QPointer<Sync::OutgoingTest> m_test;
    std::optional<Endpoint> m_testing;  // what the running test is for
    std::optional<Endpoint> m_passed;   // what passed its test
    std::optional<Endpoint> m_lastTested;  // what the labels' last result is about
    QByteArray m_pin;                   // a certificate the user chose to trust, of m_pinnedFor's host
    QString m_pinnedFor;
    Poplar::Error m_error;
    QString m_lastGuess;  // the server name guessed from the incoming one
    Choice m_choiceBeforeSearch = Choice::Typed;

    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_search = nullptr;
    QRadioButton *m_useFound = nullptr;
    QListWidget *m_servers = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_outsideWarning = nullptr;
    QCheckBox *m_useOutside = nullptr;
    QRadioButton *m_useTyped = nullptr;
    QLineEdit *m_host = nullptr;
    QComboBox *m_security = nullptr;
    QSpinBox *m_port = nullptr;
    QRadioButton *m_later = nullptr;
    QLabel *m_confirm = nullptr;
    QLabel *m_testStatus = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_testDetails = nullptr;
};

}  // namespace Poplar::Ui
