#pragma once

#include <QByteArray>
#include <QDialog>

class QCheckBox;
class QPlainTextEdit;

namespace Poplar::Ui {

// A message as it was received, in a window of its own: read-only, in a
// fixed-width font, long lines wrapped (a check box turns that off, and the
// choice is remembered). Escape or Close closes it.
class SourceWindow : public QDialog
{
    Q_OBJECT
public:
    SourceWindow(const QString &subject, const QByteArray &raw, QWidget *parent = nullptr);

    // The bytes as text (Mime::decodeUnlabelled: strict UTF-8, otherwise
    // windows-1252, so every byte shows), line ends as they read and NUL as
    // a visible symbol.
    [[nodiscard]] static QString sourceText(const QByteArray &raw);

    // Shows the window and gives it the keyboard, so Escape reaches it.
    void showActive();

private:
    QPlainTextEdit *m_text = nullptr;
    QCheckBox *m_wrap = nullptr;
};

}  // namespace Poplar::Ui
