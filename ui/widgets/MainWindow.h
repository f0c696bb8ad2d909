#pragma once

#include <QMainWindow>

class QLabel;
class QSplitter;
class QTreeWidget;
class QTreeView;
class QTextBrowser;

namespace Poplar::Ui {

// The main window's frame: folder tree | message list | reading pane.
// Later work fills the panes with the store's models.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    [[nodiscard]] QSplitter *splitter() const { return m_splitter; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void restoreWindowState();
    void showAbout();

    QSplitter *m_splitter = nullptr;
    QTreeWidget *m_folders = nullptr;
    QTreeView *m_messages = nullptr;
    QTextBrowser *m_reader = nullptr;
};

}  // namespace Poplar::Ui
