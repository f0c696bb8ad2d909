#include "widgets/SourceWindow.h"

#include "mime/Charset.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QSettings>
#include <QVBoxLayout>

namespace Poplar::Ui {

namespace {

const QString kWrapKey = QStringLiteral("reader/sourceWrapsLines");

}  // namespace

SourceWindow::SourceWindow(const QString &subject, const QByteArray &raw, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("sourceDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Message Source: %1").arg(subject));

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("sourceText"));
    m_text->setAccessibleName(tr("Message source"));
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(sourceText(raw));

    m_wrap = new QCheckBox(tr("&Wrap long lines"), this);
    m_wrap->setObjectName(QStringLiteral("sourceWrap"));
    m_wrap->setChecked(QSettings().value(kWrapKey, true).toBool());
    auto applyWrap
        = [this](bool wrap) { m_text->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap); };
    applyWrap(m_wrap->isChecked());
    connect(m_wrap, &QCheckBox::toggled, this, [applyWrap](bool wrap) {
        applyWrap(wrap);
        QSettings().setValue(kWrapKey, wrap);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_wrap);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addLayout(bottom);
    resize(800, 600);
    setFocusProxy(m_text);
}

QString SourceWindow::sourceText(const QByteArray &raw)
{
    // Strict UTF-8, else windows-1252: every byte shows as a character.
    QString text = Mime::decodeUnlabelled(raw);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QChar(0), QChar(0x2400));  // the symbol for NUL, so nothing is cut off
    return text;
}

void SourceWindow::showActive()
{
    show();
    raise();
    // Without a window manager (or with one that does not focus new
    // windows) the keyboard would stay with the main window, and Escape
    // would never reach this one.
    activateWindow();
    m_text->setFocus(Qt::ActiveWindowFocusReason);
}

}  // namespace Poplar::Ui
