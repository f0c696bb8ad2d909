#pragma once

#include <QFrame>

namespace Poplar::Ui {

// The bar over a partly downloaded message: "Download the Rest" and
// "Delete from Server".
class PartialMessageBar : public QFrame
{
    Q_OBJECT
public:
    explicit PartialMessageBar(QWidget *parent = nullptr);

Q_SIGNALS:
    void downloadRestRequested();
    void deleteFromServerRequested();
};

}  // namespace Poplar::Ui
