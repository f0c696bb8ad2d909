<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountText</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>every minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The mailbox holds %n message(s)</source>
        <translation>
            <numerusform>The mailbox holds %n message</numerusform>
            <numerusform>The mailbox holds %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FetchText</name>
    <message numerus="yes">
        <source>first downloaded more than %n day(s) ago</source>
        <translation>
            <numerusform>first downloaded more than %n day ago</numerusform>
            <numerusform>first downloaded more than %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server keeps only the newest %n message(s)</source>
        <translation>
            <numerusform>the server keeps only the newest message</numerusform>
            <numerusform>the server keeps only the newest %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the next fetch would download %n message(s)</source>
        <translation>
            <numerusform>%1: the next fetch would download %n message</numerusform>
            <numerusform>%1: the next fetch would download %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%1) and delete %n on the server.</source>
        <translation>
            <numerusform> (%1) and delete %n on the server.</numerusform>
            <numerusform> (%1) and delete %n on the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because only part of them is stored here.</source>
        <translation>
            <numerusform>%n message stays on the server because only part of it is stored here.</numerusform>
            <numerusform>%n messages stay on the server because only part of them is stored here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because it gives several messages the same UIDL.</source>
        <translation>
            <numerusform>%n message stays on the server because it gives several messages the same UIDL.</numerusform>
            <numerusform>%n messages stay on the server because it gives several messages the same UIDL.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: warning: the server deletes mail after %n day(s), sooner than this account keeps it there.</source>
        <translation>
            <numerusform>%1: warning: the server deletes mail after %n day, sooner than this account keeps it there.</numerusform>
            <numerusform>%1: warning: the server deletes mail after %n days, sooner than this account keeps it there.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n new message(s)</source>
        <translation>
            <numerusform>%1: %n new message</numerusform>
            <numerusform>%1: %n new messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n stored in part: over the size limit)</source>
        <translation>
            <numerusform> (%n stored in part: over the size limit)</numerusform>
            <numerusform> (%n stored in part: over the size limit)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already stored</source>
        <translation>
            <numerusform>, %n already stored</numerusform>
            <numerusform>, %n already stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n deleted on the server</source>
        <translation>
            <numerusform>, %n deleted on the server</numerusform>
            <numerusform>, %n deleted on the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the server gave its messages new UIDLs; %n message(s) were recognised by Message-ID and size and not downloaded again.</source>
        <translation>
            <numerusform>%1: the server gave its messages new UIDLs; %n message was recognised by Message-ID and size and not downloaded again.</numerusform>
            <numerusform>%1: the server gave its messages new UIDLs; %n messages were recognised by Message-ID and size and not downloaded again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the server allows a login only every %n minute(s); checking that often.</source>
        <translation>
            <numerusform>%1: the server allows a login only every minute; checking that often.</numerusform>
            <numerusform>%1: the server allows a login only every %n minutes; checking that often.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FolderModel</name>
    <message numerus="yes">
        <source>Inbox of %1: %n message(s), %2 unread</source>
        <translation>
            <numerusform>Inbox of %1: %n message, %2 unread</numerusform>
            <numerusform>Inbox of %1: %n messages, %2 unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1 unread</source>
        <translation>
            <numerusform>%n message, %1 unread</numerusform>
            <numerusform>%n messages, %1 unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n unread</numerusform>
            <numerusform>%1, %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MainWindow</name>
    <message numerus="yes">
        <source>Delete %n message(s) for good? They cannot be brought back.</source>
        <translation>
            <numerusform>Delete %n message for good? It cannot be brought back.</numerusform>
            <numerusform>Delete %n messages for good? They cannot be brought back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>%n message found</numerusform>
            <numerusform>%n messages found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1 unread</source>
        <translation>
            <numerusform>%n message, %1 unread</numerusform>
            <numerusform>%n messages, %1 unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageView</name>
    <message numerus="yes">
        <source>To protect your privacy, Poplar did not load %n remote image(s) in this message.</source>
        <translation>
            <numerusform>To protect your privacy, Poplar did not load %n remote image in this message.</numerusform>
            <numerusform>To protect your privacy, Poplar did not load %n remote images in this message.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::TrayIcon</name>
    <message numerus="yes">
        <source>Poplar: %n unread message(s)</source>
        <translation>
            <numerusform>Poplar: %n unread message</numerusform>
            <numerusform>Poplar: %n unread messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) for %1</source>
        <translation>
            <numerusform>%n new message for %1</numerusform>
            <numerusform>%n new messages for %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Probe</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mailbox: %n message(s)</source>
        <translation>
            <numerusform>Mailbox: %n message</numerusform>
            <numerusform>Mailbox: %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoreText</name>
    <message numerus="yes">
        <source>%1: %n message(s) imported</source>
        <translation>
            <numerusform>%1: %n message imported</numerusform>
            <numerusform>%1: %n messages imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) imported into %1.</source>
        <translation>
            <numerusform>%n message imported into %1.</numerusform>
            <numerusform>%n messages imported into %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported from %1.</source>
        <translation>
            <numerusform>%n message exported from %1.</numerusform>
            <numerusform>%n messages exported from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) reindexed.</source>
        <translation>
            <numerusform>%n message reindexed.</numerusform>
            <numerusform>%n messages reindexed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the import stopped; %n message(s) had been imported into %2 and stay there.</source>
        <translation>
            <numerusform>%1: the import stopped; %n message had been imported into %2 and stays there.</numerusform>
            <numerusform>%1: the import stopped; %n messages had been imported into %2 and stay there.</numerusform>
        </translation>
    </message>
</context>
</TS>
