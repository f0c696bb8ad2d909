#pragma once

#include "accounts/Account.h"
#include "net/TlsTypes.h"
#include "pop3/Pop3Connection.h"

#include <QTreeWidget>

namespace Poplar::Ui {

// The Server tab of the account's diagnostics: what a connection test
// learnt of the server (address, greeting, capabilities, TLS and its
// certificate, how it logged in, the mailbox), or the certificate that
// stopped it. The server's words are shown as plain text.
class ServerReportView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit ServerReportView(QWidget *parent = nullptr);

    // The account tested (for what its pin says) and a pin chosen during
    // the test; `account` outlives the view.
    void setAccount(const Accounts::Account *account, const QByteArray &pinnedNow);
    void showServer(const Pop3::ServerInfo &info);
    void showProblem(const Net::CertificateProblem &problem);
    void addLogin(const QString &mechanism);
    void showMailbox(quint32 count, quint64 bytes, const QString &asOf);

    // A tree's rows as indented "name: value" lines.
    [[nodiscard]] static QString treeText(const QTreeWidget *tree);

private:
    void showCertificate(const QList<Net::CertificateInfo> &chain, const QByteArray &sha256, bool trustedByPin);
    QTreeWidgetItem *section(const QString &title);
    void addRow(QTreeWidgetItem *section, const QString &name, const QString &value);

    const Accounts::Account *m_account = nullptr;
    QByteArray m_pinnedNow;
};

}  // namespace Poplar::Ui
