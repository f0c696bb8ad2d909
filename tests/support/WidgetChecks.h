#pragma once

// Test support for dialogs: what a user would see of labels, buttons and
// tooltips — a stray "&" where no mnemonic can be, a check box or label cut
// off, markup taken for rich text.

#include <QAbstractButton>
#include <QLabel>
#include <QRegularExpression>
#include <QStringList>
#include <QTextDocument>
#include <QWidget>

namespace PoplarTest {

// Labels under `root` that would show a literal "&": a mnemonic marker in
// a label that has no buddy to carry it ("&&" is an escaped "&", and an
// "&" before a space is a plain ampersand).
[[nodiscard]] inline QStringList strayMnemonics(const QWidget *root)
{
    static const QRegularExpression marker(QStringLiteral("(^|[^&])&[^&\\s]"));
    QStringList out;
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->buddy() || label->textFormat() == Qt::RichText
            || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text())))
            continue;
        if (marker.match(label->text()).hasMatch())
            out << label->text();
    }
    return out;
}

// Visible check boxes, radio buttons and one-line labels under `root`
// narrower than their text needs, or reaching past `root`'s right edge.
[[nodiscard]] inline QStringList cutOff(const QWidget *root)
{
    QStringList out;
    auto check = [&](const QWidget *w, const QString &text) {
        if (!w->isVisibleTo(root))
            return;
        const int right = w->mapTo(root, QPoint(0, 0)).x() + w->sizeHint().width();
        if (w->width() < w->sizeHint().width() || right > root->width())
            out << QStringLiteral("%1 (%2 px of %3, right edge %4 of %5)")
                       .arg(text)
                       .arg(w->width())
                       .arg(w->sizeHint().width())
                       .arg(right)
                       .arg(root->width());
    };
    for (const QAbstractButton *b : root->findChildren<QAbstractButton *>()) {
        if (b->inherits("QCheckBox") || b->inherits("QRadioButton"))
            check(b, b->text());
    }
    for (const QLabel *l : root->findChildren<QLabel *>()) {
        if (l->wordWrap()) {
            if (l->isVisibleTo(root) && !l->text().isEmpty() && l->height() < l->heightForWidth(l->width()))
                out << QStringLiteral("%1 (too short)").arg(l->text());
        } else if (!l->text().isEmpty()) {
            check(l, l->text());
        }
    }
    return out;
}

// What a tooltip shows: Qt takes text that looks like markup for rich text.
[[nodiscard]] inline QString shownToolTip(const QString &tip)
{
    if (!Qt::mightBeRichText(tip))
        return tip;
    QTextDocument doc;
    doc.setHtml(tip);
    return doc.toPlainText();
}

// What a label shows of its text.
[[nodiscard]] inline QString shownText(const QLabel *label)
{
    if (label->textFormat() == Qt::PlainText
        || (label->textFormat() == Qt::AutoText && !Qt::mightBeRichText(label->text())))
        return label->text();
    QTextDocument doc;
    doc.setHtml(label->text());
    return doc.toPlainText();
}

}  // namespace PoplarTest
