#pragma once

#include "mime/Protection.h"

#include <QFrame>

class QLabel;

namespace Poplar::Ui {

// The bar over encrypted or signed mail, saying what Poplar cannot do with
// it yet. Hidden for mail that is neither.
class ProtectionBar : public QFrame
{
    Q_OBJECT
public:
    explicit ProtectionBar(QWidget *parent = nullptr);

    void showProtection(const Mime::Protection &protection);

private:
    QLabel *m_text = nullptr;
};

}  // namespace Poplar::Ui
