#pragma once

#include <QString>

class QFrame;
class QPushButton;
class QWidget;

// The look of the reading pane's bars (partial message, encryption, remote
// content) and of their buttons.
namespace Poplar::Ui::ReaderBars {

// Gives `bar` the tooltip colours of a notice bar and hides it.
void setUpBar(QFrame *bar, const QString &objectName);

// A new bar, set up as setUpBar() does.
[[nodiscard]] QFrame *newBar(const QString &objectName, QWidget *parent);

// A button of a bar: never the default button of a dialog it sits in.
[[nodiscard]] QPushButton *newButton(
    const QString &text, const QString &objectName, const QString &accessibleName, QWidget *parent);

}  // namespace Poplar::Ui::ReaderBars
