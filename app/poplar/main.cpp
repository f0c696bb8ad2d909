#include "text/Translations.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("poplar"));
    QApplication::setApplicationDisplayName(QStringLiteral("Poplar"));
    QApplication::setOrganizationName(QStringLiteral("poplar"));
    QApplication::setApplicationVersion(QStringLiteral(POPLAR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.poplar.Poplar"));
    Poplar::Ui::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Poplar, a POP3 mail client."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    Poplar::Ui::MainWindow window;
    window.show();
    return app.exec();
}
