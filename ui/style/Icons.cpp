#include "style/Icons.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QStyle>

#include <cmath>
#include <functional>

namespace Poplar::Ui::Icons {

namespace {

QIcon drawn(const std::function<void(QPainter &, qreal)> &paint)
{
    QIcon icon;
    for (int size : { 16, 24, 32 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        paint(p, size);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon themed(const QString &name, const std::function<QIcon()> &fallback)
{
    return QIcon::hasThemeIcon(name) ? QIcon::fromTheme(name) : fallback();
}

QIcon standard(QStyle::StandardPixmap which)
{
    return QApplication::style() ? QApplication::style()->standardIcon(which) : QIcon();
}

}  // namespace

QIcon flagged()
{
    static const QIcon icon = themed(QStringLiteral("mail-mark-important"), [] {
        return drawn([](QPainter &p, qreal s) {
            QPainterPath star;
            for (int i = 0; i < 10; ++i) {
                const qreal r = (i % 2 ? 0.22 : 0.48) * s;
                const qreal a = M_PI / 2 + i * M_PI / 5;
                const QPointF pt(s / 2 + r * std::cos(a), s / 2 - r * std::sin(a));
                i ? star.lineTo(pt) : star.moveTo(pt);
            }
            star.closeSubpath();
            p.setPen(QPen(QColor(0x9a, 0x5b, 0x00), s / 16));
            p.setBrush(QColor(0xf5, 0xb4, 0x00));
            p.drawPath(star);
        });
    });
    return icon;
}

QIcon attachment()
{
    static const QIcon icon = themed(QStringLiteral("mail-attachment"), [] {
        return drawn([](QPainter &p, qreal s) {
            p.setPen(QPen(QColor(0x55, 0x5a, 0x64), s / 10, Qt::SolidLine, Qt::RoundCap));
            p.setBrush(Qt::NoBrush);
            QPainterPath clip;
            clip.moveTo(0.62 * s, 0.30 * s);
            clip.lineTo(0.62 * s, 0.70 * s);
            clip.arcTo(0.30 * s, 0.55 * s, 0.32 * s, 0.32 * s, 0, -180);
            clip.lineTo(0.30 * s, 0.22 * s);
            clip.arcTo(0.30 * s, 0.08 * s, 0.22 * s, 0.22 * s, 180, -180);
            clip.lineTo(0.52 * s, 0.66 * s);
            p.drawPath(clip);
        });
    });
    return icon;
}

QIcon partial()
{
    static const QIcon icon = themed(QStringLiteral("emblem-downloads"), [] {
        return drawn([](QPainter &p, qreal s) {
            const QRectF r(0.12 * s, 0.12 * s, 0.76 * s, 0.76 * s);
            p.setPen(QPen(QColor(0x2a, 0x6f, 0xb8), s / 12));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(r);
            p.setBrush(QColor(0x2a, 0x6f, 0xb8));
            p.drawPie(r, 90 * 16, 180 * 16);  // half there
        });
    });
    return icon;
}

QIcon inbox()
{
    static const QIcon icon
        = themed(QStringLiteral("mail-folder-inbox"), [] { return standard(QStyle::SP_DirHomeIcon); });
    return icon;
}

QIcon unifiedInbox()
{
    static const QIcon icon
        = themed(QStringLiteral("mail-folder-inbox"), [] { return standard(QStyle::SP_DriveNetIcon); });
    return icon;
}

QIcon folder()
{
    static const QIcon icon = themed(QStringLiteral("folder"), [] { return standard(QStyle::SP_DirIcon); });
    return icon;
}

QIcon trash()
{
    static const QIcon icon = themed(QStringLiteral("user-trash"), [] { return standard(QStyle::SP_TrashIcon); });
    return icon;
}

}  // namespace Poplar::Ui::Icons
