#include "widgets/CertificateDialog.h"

#include "common/ServerText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Poplar::Ui {

namespace {

using Kind = Net::CertificateProblem::Kind;

// Certificate fields are chosen by whoever made the certificate: shown as
// plain, escaped text only.
QString shown(const QString &untrusted)
{
    return Poplar::escapeUntrusted(untrusted.toUtf8());
}

// "AB:CD:…" in two lines of 16 octets, easier to compare by eye.
QString groupedFingerprint(const QByteArray &sha256)
{
    if (sha256.isEmpty())
        return {};
    const QString hex = Net::formatFingerprint(sha256);
    const qsizetype half = (sha256.size() / 2) * 3;
    if (sha256.size() < 2 || half >= hex.size())
        return hex;
    return hex.left(half - 1) + QLatin1Char('\n') + hex.mid(half);
}

QLabel *valueLabel(const QString &text, QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    return label;
}

QLabel *fingerprintLabel(const QByteArray &sha256, QWidget *parent, const QString &objectName, const QString &name)
{
    auto *label = valueLabel(groupedFingerprint(sha256), parent, objectName, name);
    label->setWordWrap(false);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return label;
}

}  // namespace

CertificateDialog::CertificateDialog(const Net::CertificateProblem &problem, QWidget *parent)
    : QDialog(parent)
    , m_changed(problem.kind == Kind::Changed)
{
    setObjectName(QStringLiteral("certificateDialog"));
    const QString server = QStringLiteral("%1:%2").arg(shown(problem.host)).arg(problem.port);
    setWindowTitle(m_changed ? tr("Warning: Server Certificate Changed") : tr("Untrusted Server Certificate"));
    auto *layout = new QVBoxLayout(this);

    if (m_changed) {
        auto *banner = new QLabel(this);
        banner->setObjectName(QStringLiteral("changedWarning"));
        banner->setWordWrap(true);
        banner->setTextFormat(Qt::PlainText);
        banner->setText(tr("The certificate of %1 is not the one you trusted before. This can mean that someone "
                           "is intercepting the connection to read your password and mail. Unless your provider "
                           "told you that the certificate was replaced, reject it.")
                            .arg(server));
        banner->setAccessibleName(tr("Warning"));
        banner->setAutoFillBackground(true);
        QPalette p = banner->palette();
        p.setColor(QPalette::Window, QColor(0xb0, 0x00, 0x20));
        p.setColor(QPalette::WindowText, Qt::white);
        banner->setPalette(p);
        banner->setMargin(10);
        QFont bold = banner->font();
        bold.setBold(true);
        banner->setFont(bold);
        layout->addWidget(banner);
    } else {
        auto *row = new QHBoxLayout;
        auto *icon = new QLabel(this);
        const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size, size));
        row->addWidget(icon, 0, Qt::AlignTop);
        auto *intro = new QLabel(tr("The server %1 presented a certificate that this computer does not trust. "
                                    "Check its fingerprint with your provider before you trust it.")
                                     .arg(server),
            this);
        intro->setObjectName(QStringLiteral("intro"));
        intro->setTextFormat(Qt::PlainText);
        intro->setWordWrap(true);
        row->addWidget(intro, 1);
        layout->addLayout(row);
    }

    const Net::CertificateInfo peer = problem.chain.isEmpty() ? Net::CertificateInfo() : problem.chain.first();
    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), valueLabel(server, this, QStringLiteral("server"), tr("Server")));
    form->addRow(tr("Issued to:"), valueLabel(shown(peer.subject), this, QStringLiteral("subject"), tr("Issued to")));
    if (!peer.subjectAlternativeNames.isEmpty())
        form->addRow(tr("Names:"),
            valueLabel(shown(peer.subjectAlternativeNames.join(QStringLiteral(", "))), this, QStringLiteral("names"),
                tr("Names")));
    form->addRow(tr("Issued by:"),
        valueLabel(peer.selfSigned ? tr("%1 (self-signed)").arg(shown(peer.issuer)) : shown(peer.issuer), this,
            QStringLiteral("issuer"), tr("Issued by")));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QLocale locale;
    auto dateText = [&](const QDateTime &dt) {
        return dt.isValid() ? locale.toString(dt.toLocalTime(), QLocale::ShortFormat) : tr("unknown");
    };
    const bool notYetValid = peer.notBefore.isValid() && peer.notBefore > now;
    const bool expired = peer.notAfter.isValid() && peer.notAfter < now;
    QString from = dateText(peer.notBefore);
    if (notYetValid)
        from = tr("%1 (not yet valid)").arg(from);
    QString until = dateText(peer.notAfter);
    if (expired)
        until = tr("%1 (expired)").arg(until);
    auto *fromLabel = valueLabel(from, this, QStringLiteral("validFrom"), tr("Valid from"));
    auto *untilLabel = valueLabel(until, this, QStringLiteral("validUntil"), tr("Valid until"));
    for (auto [label, bad] : { std::pair { fromLabel, notYetValid }, std::pair { untilLabel, expired } }) {
        if (!bad)
            continue;
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
        label->setPalette(p);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
    }
    form->addRow(tr("Valid from:"), fromLabel);
    form->addRow(tr("Valid until:"), untilLabel);
    const QByteArray sha256 = problem.sha256.isEmpty() ? peer.sha256 : problem.sha256;
    form->addRow(m_changed ? tr("New SHA-256 fingerprint:") : tr("SHA-256 fingerprint:"),
        fingerprintLabel(sha256, this, QStringLiteral("fingerprint"), tr("SHA-256 fingerprint")));
    if (m_changed)
        form->addRow(tr("Trusted before:"),
            fingerprintLabel(problem.pinnedSha256, this, QStringLiteral("pinnedFingerprint"),
                tr("Previously trusted SHA-256 fingerprint")));
    layout->addLayout(form);

    QStringList errors;
    for (const QString &e : problem.errors)
        errors << QStringLiteral("• ") + shown(e);
    if (errors.isEmpty() && m_changed)
        errors << QStringLiteral("• ") + tr("It is not the certificate you trusted for this account.");
    if (!errors.isEmpty()) {
        auto *title = new QLabel(tr("What is wrong with it:"), this);
        layout->addWidget(title);
        auto *list = valueLabel(errors.join(QLatin1Char('\n')), this, QStringLiteral("errors"), tr("Problems"));
        layout->addWidget(list);
    }

    auto *chainTitle = new QLabel(tr("Certificate &chain:"), this);
    auto *chain = new QTreeWidget(this);
    chain->setObjectName(QStringLiteral("chain"));
    chain->setAccessibleName(tr("Certificate chain"));
    chain->setHeaderLabels({ tr("Issued to"), tr("Issued by"), tr("Valid until") });
    chain->setRootIsDecorated(false);
    chain->setMaximumHeight(120);
    for (const Net::CertificateInfo &c : problem.chain)
        new QTreeWidgetItem(chain, { shown(c.subject), shown(c.issuer), dateText(c.notAfter) });
    chainTitle->setBuddy(chain);
    layout->addWidget(chainTitle);
    layout->addWidget(chain);

    if (m_changed) {
        m_confirmChange = new QCheckBox(
            tr("I have &checked the new fingerprint with my provider and want to trust this certificate from now on"),
            this);
        m_confirmChange->setObjectName(QStringLiteral("confirmChange"));
        layout->addWidget(m_confirmChange);
    }

    auto *buttons = new QDialogButtonBox(this);
    m_reject = buttons->addButton(tr("&Reject"), QDialogButtonBox::RejectRole);
    m_reject->setObjectName(QStringLiteral("reject"));
    m_acceptOnce = buttons->addButton(tr("Accept &Once"), QDialogButtonBox::AcceptRole);
    m_acceptOnce->setObjectName(QStringLiteral("acceptOnce"));
    m_trustAlways = buttons->addButton(tr("&Trust Always"), QDialogButtonBox::AcceptRole);
    m_trustAlways->setObjectName(QStringLiteral("trustAlways"));
    for (QPushButton *b : { m_acceptOnce, m_trustAlways })
        b->setAutoDefault(false);
    m_reject->setDefault(true);
    m_reject->setFocus();
    if (m_confirmChange) {
        m_trustAlways->setEnabled(false);
        connect(m_confirmChange, &QCheckBox::toggled, m_trustAlways, &QWidget::setEnabled);
    }
    connect(m_reject, &QPushButton::clicked, this, [this] { choose(Net::CertificateDecision::Reject); });
    connect(m_acceptOnce, &QPushButton::clicked, this, [this] { choose(Net::CertificateDecision::AcceptOnce); });
    connect(m_trustAlways, &QPushButton::clicked, this, [this] { choose(Net::CertificateDecision::Pin); });
    layout->addWidget(buttons);
}

CertificateDialog::~CertificateDialog() = default;

void CertificateDialog::choose(Net::CertificateDecision decision)
{
    if (decision == Net::CertificateDecision::Pin && m_confirmChange && !m_confirmChange->isChecked())
        return;
    m_decision = decision;
    if (decision == Net::CertificateDecision::Reject)
        reject();
    else
        accept();
}

Net::CertificateDecision CertificateDialog::ask(const Net::CertificateProblem &problem, QWidget *parent)
{
    CertificateDialog dialog(problem, parent);
    dialog.exec();
    return dialog.decision();
}

}  // namespace Poplar::Ui
