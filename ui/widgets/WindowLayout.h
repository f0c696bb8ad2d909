#pragma once

#include <QtGlobal>

class QHeaderView;
class QMainWindow;
class QSplitter;

namespace Poplar::Ui {

// The main window's layout in the settings: its geometry and toolbars, the
// splitters, the message list's columns (widths, order, sort order) and
// the folder shown.
class WindowLayout
{
public:
    struct Parts {
        QMainWindow *window = nullptr;
        QSplitter *splitter = nullptr;
        QSplitter *readingSplitter = nullptr;
        QHeaderView *columns = nullptr;
    };
    static void save(const Parts &parts, qint64 folderId);
    // Puts back what save() kept; returns the folder shown then (the
    // Unified Inbox when none was saved).
    [[nodiscard]] static qint64 restore(const Parts &parts);
};

}  // namespace Poplar::Ui
