#pragma once

#include <QList>
#include <QObject>

class QHeaderView;
class QMenu;
class QPoint;

namespace Poplar::Ui {

class Preferences;

// Which columns of the message list show: the header's context menu ticks
// them on and off (the last one shown cannot go), and the choice is the
// preferences' (Preferences::hiddenColumns), so the Preferences dialog and
// the header always agree and the choice survives a restart.
class ColumnChooser : public QObject
{
    Q_OBJECT
public:
    ColumnChooser(QHeaderView *header, Preferences *preferences, QObject *parent = nullptr);

    // The menu the header's context menu shows: a ticked entry per column,
    // named "column<N>". The caller owns it.
    [[nodiscard]] QMenu *createMenu(QWidget *parent) const;
    // A column's name in the menu and the Preferences dialog.
    [[nodiscard]] static QString columnName(int column);

private:
    void apply(const QList<int> &hidden);
    void showMenu(const QPoint &pos);

    QHeaderView *m_header = nullptr;
    Preferences *m_preferences = nullptr;
};

}  // namespace Poplar::Ui
