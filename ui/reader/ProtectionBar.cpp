#include "reader/ProtectionBar.h"

#include "reader/ReaderBars.h"

#include <QHBoxLayout>
#include <QLabel>

namespace Poplar::Ui {

using namespace Qt::StringLiterals;

ProtectionBar::ProtectionBar(QWidget *parent)
    : QFrame(parent)
{
    ReaderBars::setUpBar(this, QStringLiteral("protectionBar"));
    auto *bar = new QHBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("protectionText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    bar->addWidget(m_text, 1);
}

void ProtectionBar::showProtection(const Mime::Protection &p)
{
    auto scheme = [](Mime::CryptoScheme s) { return s == Mime::CryptoScheme::SMime ? u"S/MIME"_s : u"OpenPGP"_s; };
    QString text;
    if (p.isEncrypted()) {
        text = tr("This message is encrypted (%1). Poplar cannot decrypt messages yet: open it in a mail program "
                  "that has your key.")
                   .arg(scheme(p.encryptedWith));
    } else if (p.contentInsideSignature) {
        text = tr("This message is signed (%1) in a form that holds its text inside the signature. Poplar cannot "
                  "read or verify it yet.")
                   .arg(scheme(p.signedWith));
    } else if (p.isSigned()) {
        text = tr("This message is signed (%1). Poplar cannot verify signatures yet: the signature has not been "
                  "checked, so it proves nothing about the sender.")
                   .arg(scheme(p.signedWith));
    }
    m_text->setText(text);
    setVisible(!text.isEmpty());
}

}  // namespace Poplar::Ui
