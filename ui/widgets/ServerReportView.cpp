#include "widgets/ServerReportView.h"

#include "common/ServerText.h"
#include "widgets/AccountDiagnostics.h"
#include "widgets/PlainText.h"

#include <QHeaderView>
#include <QLocale>

namespace Poplar::Ui {

// The words are the diagnostics page's (this view is its Server tab).
namespace {

QString yesNo(bool value)
{
    return value ? AccountDiagnostics::tr("yes") : AccountDiagnostics::tr("no");
}

QString dataSize(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes));
}

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString securityText(Net::Security s)
{
    switch (s) {
    case Net::Security::ImplicitTls: return AccountDiagnostics::tr("TLS");
    case Net::Security::StartTls: return AccountDiagnostics::tr("STARTTLS");
    case Net::Security::None: return AccountDiagnostics::tr("none (unencrypted)");
    }
    return {};
}

void appendItemText(const QTreeWidgetItem *item, int depth, QString *out)
{
    QStringList cells;
    for (int c = 0; c < item->columnCount(); ++c) {
        if (!item->text(c).isEmpty())
            cells << item->text(c);
    }
    *out += QString(depth * 2, QLatin1Char(' ')) + cells.join(QStringLiteral(": ")) + QLatin1Char('\n');
    for (int i = 0; i < item->childCount(); ++i)
        appendItemText(item->child(i), depth + 1, out);
}

}  // namespace

ServerReportView::ServerReportView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("serverInfo"));
    setColumnCount(2);
    setHeaderLabels({ AccountDiagnostics::tr("Property"), AccountDiagnostics::tr("Value") });
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setWordWrap(true);
}

QString ServerReportView::treeText(const QTreeWidget *tree)
{
    QString out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        appendItemText(tree->topLevelItem(i), 0, &out);
    return out;
}

void ServerReportView::setAccount(const Accounts::Account *account, const QByteArray &pinnedNow)
{
    m_account = account;
    m_pinnedNow = pinnedNow;
}

QTreeWidgetItem *ServerReportView::section(const QString &title)
{
    auto *item = new QTreeWidgetItem(this, { title });
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
}

void ServerReportView::addRow(QTreeWidgetItem *parent, const QString &name, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, { name, value });
    item->setToolTip(1, plainToolTip(value));
}

void ServerReportView::addLogin(const QString &mechanism)
{
    QTreeWidgetItem *server = topLevelItemCount() ? topLevelItem(0) : section(AccountDiagnostics::tr("Server"));
    addRow(server, AccountDiagnostics::tr("Logged in with"), mechanism);
}

void ServerReportView::showServer(const Pop3::ServerInfo &info)
{
    clear();
    QTreeWidgetItem *server = section(AccountDiagnostics::tr("Server"));
    addRow(server, AccountDiagnostics::tr("Address"), QStringLiteral("%1:%2").arg(info.host).arg(info.port));
    addRow(server, AccountDiagnostics::tr("Security"), securityText(info.security));
    addRow(server, AccountDiagnostics::tr("Greeting"), Poplar::escapeUntrusted(info.greeting));

    const Pop3::Capabilities &caps = info.capabilities;
    QTreeWidgetItem *capabilities = section(AccountDiagnostics::tr("Capabilities"));
    if (!caps.capaSupported) {
        addRow(capabilities, AccountDiagnostics::tr("CAPA"),
            AccountDiagnostics::tr("not supported: the server's features are unknown"));
    } else {
        QStringList sasl;
        for (const QByteArray &m : caps.saslMechanisms)
            sasl << Poplar::escapeUntrusted(m);
        if (caps.user)
            sasl << QStringLiteral("USER");
        if (!info.apopTimestamp.isEmpty())
            sasl << QStringLiteral("APOP");
        addRow(capabilities, AccountDiagnostics::tr("Login mechanisms"),
            sasl.isEmpty() ? AccountDiagnostics::tr("none offered") : sasl.join(QStringLiteral(", ")));
        addRow(capabilities, AccountDiagnostics::tr("UIDL"), yesNo(caps.uidl));
        addRow(capabilities, AccountDiagnostics::tr("TOP"), yesNo(caps.top));
        addRow(capabilities, AccountDiagnostics::tr("PIPELINING"), yesNo(caps.pipelining));
        addRow(capabilities, AccountDiagnostics::tr("STLS"), yesNo(caps.stls));
        addRow(capabilities, AccountDiagnostics::tr("RESP-CODES"), yesNo(caps.respCodes));
        if (caps.loginDelaySeconds) {
            const int minutes = (*caps.loginDelaySeconds + 59) / 60;
            addRow(capabilities, AccountDiagnostics::tr("LOGIN-DELAY"),
                AccountDiagnostics::tr("at most one login every %n minute(s); a test counts as one", nullptr, minutes));
        } else {
            addRow(capabilities, AccountDiagnostics::tr("LOGIN-DELAY"), AccountDiagnostics::tr("none"));
        }
        switch (caps.expire) {
        case Pop3::Capabilities::Expire::Unspecified:
            addRow(capabilities, AccountDiagnostics::tr("EXPIRE"), AccountDiagnostics::tr("not announced"));
            break;
        case Pop3::Capabilities::Expire::Never:
            addRow(capabilities, AccountDiagnostics::tr("EXPIRE"), AccountDiagnostics::tr("never"));
            break;
        case Pop3::Capabilities::Expire::Days:
            addRow(capabilities, AccountDiagnostics::tr("EXPIRE"),
                caps.expireDays == 0
                    ? AccountDiagnostics::tr("the server deletes each message once it was downloaded")
                    : AccountDiagnostics::tr("the server deletes mail after %n day(s)", nullptr, caps.expireDays));
            break;
        }
        if (!caps.implementation.isEmpty())
            addRow(
                capabilities, AccountDiagnostics::tr("IMPLEMENTATION"), Poplar::escapeUntrusted(caps.implementation));
        QStringList lines;
        for (const QByteArray &line : caps.lines)
            lines << Poplar::escapeUntrusted(line);
        addRow(capabilities, AccountDiagnostics::tr("As sent"), lines.join(QStringLiteral(" | ")));
    }

    if (info.tls.encrypted) {
        QTreeWidgetItem *tls = section(AccountDiagnostics::tr("TLS"));
        addRow(tls, AccountDiagnostics::tr("Protocol"), info.tls.protocol);
        addRow(tls, AccountDiagnostics::tr("Cipher"), info.tls.cipher);
        showCertificate(info.tls.chain, info.tls.peer().sha256, info.tls.trustedByPin);
    } else {
        QTreeWidgetItem *tls = section(AccountDiagnostics::tr("TLS"));
        addRow(tls, AccountDiagnostics::tr("Encryption"),
            AccountDiagnostics::tr("none: the password and the mail travel readable by anyone on the way"));
    }
}

void ServerReportView::showCertificate(
    const QList<Net::CertificateInfo> &chain, const QByteArray &sha256, bool trustedByPin)
{
    QTreeWidgetItem *cert = section(AccountDiagnostics::tr("Certificate"));
    if (!chain.isEmpty()) {
        const Net::CertificateInfo &peer = chain.first();
        addRow(cert, AccountDiagnostics::tr("Subject"), Poplar::escapeUntrusted(peer.subject.toUtf8()));
        addRow(cert, AccountDiagnostics::tr("Issuer"), Poplar::escapeUntrusted(peer.issuer.toUtf8()));
        addRow(cert, AccountDiagnostics::tr("Valid"),
            AccountDiagnostics::tr("from %1 to %2").arg(when(peer.notBefore), when(peer.notAfter)));
        if (!peer.subjectAlternativeNames.isEmpty())
            addRow(cert, AccountDiagnostics::tr("Names"),
                Poplar::escapeUntrusted(peer.subjectAlternativeNames.join(QStringLiteral(", ")).toUtf8()));
        if (peer.selfSigned)
            addRow(cert, AccountDiagnostics::tr("Self-signed"), yesNo(true));
    }
    addRow(cert, AccountDiagnostics::tr("SHA-256 fingerprint"), Net::formatFingerprint(sha256));
    QString pin;
    if (!m_pinnedNow.isEmpty() && m_pinnedNow == sha256)
        pin = AccountDiagnostics::tr("pinned now; kept when the settings are saved");
    else if (m_account->pinnedSha256.isEmpty())
        pin = trustedByPin ? AccountDiagnostics::tr("accepted for this test")
            : m_account->caFile.isEmpty()
            ? AccountDiagnostics::tr("no certificate is pinned; trusted by the system's certificate authorities")
            : AccountDiagnostics::tr(
                "no certificate is pinned; trusted by the system's or the account's certificate authorities");
    else if (m_account->pinnedSha256 == sha256)
        pin = AccountDiagnostics::tr("matches the pinned certificate");
    else
        pin = AccountDiagnostics::tr("differs from the pinned certificate (%1)")
                  .arg(Net::formatFingerprint(m_account->pinnedSha256));
    addRow(cert, AccountDiagnostics::tr("Pinned"), pin);
}

void ServerReportView::showProblem(const Net::CertificateProblem &problem)
{
    clear();
    QTreeWidgetItem *server = section(AccountDiagnostics::tr("Server"));
    addRow(server, AccountDiagnostics::tr("Address"), QStringLiteral("%1:%2").arg(problem.host).arg(problem.port));
    QTreeWidgetItem *trust = section(AccountDiagnostics::tr("Certificate Problem"));
    addRow(trust, AccountDiagnostics::tr("Problem"),
        problem.kind == Net::CertificateProblem::Kind::Changed
            ? AccountDiagnostics::tr("the certificate differs from the one pinned for this account")
            : AccountDiagnostics::tr("the system does not trust this certificate"));
    QStringList errors;
    for (const QString &e : problem.errors)
        errors << Poplar::escapeUntrusted(e.toUtf8());
    if (!errors.isEmpty())
        addRow(trust, AccountDiagnostics::tr("Errors"), errors.join(QStringLiteral("; ")));
    showCertificate(problem.chain, problem.sha256, false);
}

void ServerReportView::showMailbox(quint32 count, quint64 bytes, const QString &asOf)
{
    QTreeWidgetItem *mailbox = section(AccountDiagnostics::tr("Mailbox"));
    addRow(mailbox, AccountDiagnostics::tr("Messages"), QLocale().toString(count));
    addRow(mailbox, AccountDiagnostics::tr("Size"), dataSize(bytes));
    addRow(mailbox, AccountDiagnostics::tr("As of"), asOf);
}

}  // namespace Poplar::Ui
