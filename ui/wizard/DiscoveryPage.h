#pragma once

#include "accounts/Discovery.h"

#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace Poplar::Ui {

// Looks for the address's server (progress, Stop), then shows what was
// found: host, port, security and what the server offers, in words. The
// user picks one and confirms it with Use This Server before any password
// is sent; with none picked, the button is Enter Settings and leads to the
// server settings. A server that DNS named outside the mail domain is
// never picked for the user: choosing it shows a warning naming both
// domains and needs a tick in "use it anyway".
class DiscoveryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DiscoveryPage(QWidget *parent = nullptr);
    ~DiscoveryPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

    [[nodiscard]] bool isRunning() const { return m_discovery && m_discovery->isRunning(); }
    [[nodiscard]] const std::optional<Accounts::DiscoveryResult> &result() const { return m_result; }
    // The server picked in the list, if any.
    [[nodiscard]] std::optional<Accounts::DiscoveredServer> selectedServer() const;
    // Whether Next leads to the server settings rather than to a test of
    // the server picked.
    [[nodiscard]] bool leadsToSettings() const;

Q_SIGNALS:
    void discoveryFinished(const Accounts::DiscoveryResult &result);
    void selectionChanged();

private:
    void startDiscovery();
    void stop();
    void showResult(const Accounts::DiscoveryResult &result);
    void showSelected();

    QPointer<Accounts::Discovery> m_discovery;
    std::optional<Accounts::DiscoveryResult> m_result;
    QString m_searchedEmail;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_again = nullptr;
    QListWidget *m_servers = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_confirm = nullptr;
    QLabel *m_outsideWarning = nullptr;
    QCheckBox *m_useOutside = nullptr;
};

}  // namespace Poplar::Ui
