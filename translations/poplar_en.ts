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
    <message numerus="yes">
        <source>%n message(s) stay on the server because what arrived differed in size from what the server announced.</source>
        <translation>
            <numerusform>%n message stays on the server because what arrived differed in size from what the server announced.</numerusform>
            <numerusform>%n messages stay on the server because what arrived differed in size from what the server announced.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay on the server because it lists them without a UIDL.</source>
        <translation>
            <numerusform>%n message stays on the server because it lists it without a UIDL.</numerusform>
            <numerusform>%n messages stay on the server because it lists them without a UIDL.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 ends the connection every time it is downloaded (%n time(s) so far); it stays on the server, and each fetch tries it again last, on its own.</source>
        <translation>
            <numerusform>%1: %2 ends the connection every time it is downloaded (%n time so far); it stays on the server, and each fetch tries it again last, on its own.</numerusform>
            <numerusform>%1: %2 ends the connection every time it is downloaded (%n times so far); it stays on the server, and each fetch tries it again last, on its own.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 ended the connection before (%n time(s)); it stays on the server, to be tried on its own in a later fetch (the server allows no second login now).</source>
        <translation>
            <numerusform>%1: %2 ended the connection before (%n time); it stays on the server, to be tried on its own in a later fetch (the server allows no second login now).</numerusform>
            <numerusform>%1: %2 ended the connection before (%n times); it stays on the server, to be tried on its own in a later fetch (the server allows no second login now).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the server lists %n message(s) without a usable UIDL; they are downloaded, and never deleted there automatically.</source>
        <translation>
            <numerusform>%1: the server lists %n message without a usable UIDL; it is downloaded, and never deleted there automatically.</numerusform>
            <numerusform>%1: the server lists %n messages without a usable UIDL; they are downloaded, and never deleted there automatically.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the server&apos;s list had %n line(s) Poplar could not read; they were ignored.</source>
        <translation>
            <numerusform>%1: the server&apos;s list had %n line Poplar could not read; it was ignored.</numerusform>
            <numerusform>%1: the server&apos;s list had %n lines Poplar could not read; they were ignored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the server&apos;s list names %n message(s) in a way Poplar cannot use (%2); they were left alone on the server.</source>
        <translation>
            <numerusform>%1: the server&apos;s list names %n message in a way Poplar cannot use (%2); it was left alone on the server.</numerusform>
            <numerusform>%1: the server&apos;s list names %n messages in a way Poplar cannot use (%2); they were left alone on the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 ended the connection before (%n time(s)); it stays on the server, but a session of its own could not find it again (its header could not be read).</source>
        <translation>
            <numerusform>%1: %2 ended the connection before (%n time); it stays on the server, but a session of its own could not find it again (its header could not be read).</numerusform>
            <numerusform>%1: %2 ended the connection before (%n times); it stays on the server, but a session of its own could not find it again (its header could not be read).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AccountDiagnostics</name>
    <message numerus="yes">
        <source>downloaded more than %n day(s) ago</source>
        <translation>
            <numerusform>downloaded more than %n day ago</numerusform>
            <numerusform>downloaded more than %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>beyond the newest %n message(s) kept on the server</source>
        <translation>
            <numerusform>beyond the newest %n message kept on the server</numerusform>
            <numerusform>beyond the newest %n messages kept on the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at most one login every %n minute(s); a test counts as one</source>
        <translation>
            <numerusform>at most one login every %n minute; a test counts as one</numerusform>
            <numerusform>at most one login every %n minutes; a test counts as one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server deletes mail after %n day(s)</source>
        <translation>
            <numerusform>the server deletes mail after %n day</numerusform>
            <numerusform>the server deletes mail after %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete on the server: %n message(s)</source>
        <translation>
            <numerusform>Delete on the server: %n message</numerusform>
            <numerusform>Delete on the server: %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Download: %n message(s)</source>
        <translation>
            <numerusform>Download: %n message</numerusform>
            <numerusform>Download: %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The next fetch would download %n message(s)</source>
        <translation>
            <numerusform>The next fetch would download %n message</numerusform>
            <numerusform>The next fetch would download %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and delete %n message(s) on the server</source>
        <translation>
            <numerusform>and delete %n message on the server</numerusform>
            <numerusform>and delete %n messages on the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) on the server are stored here already.</source>
        <translation>
            <numerusform>%n message on the server is stored here already.</numerusform>
            <numerusform>%n messages on the server are stored here already.</numerusform>
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
        <source>%n message(s) stay on the server because it gives them the same identifier.</source>
        <translation>
            <numerusform>%n message stays on the server because it gives it the same identifier.</numerusform>
            <numerusform>%n messages stay on the server because it gives them the same identifier.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1</source>
        <translation>
            <numerusform>%n message, %1</numerusform>
            <numerusform>%n messages, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted on the server: %n message(s).</source>
        <translation>
            <numerusform>Deleted on the server: %n message.</numerusform>
            <numerusform>Deleted on the server: %n messages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At the last fetch (%1) the server held %n message(s), %2.</source>
        <translation>
            <numerusform>At the last fetch (%1) the server held %n message, %2.</numerusform>
            <numerusform>At the last fetch (%1) the server held %n messages, %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::AccountSettingsDialog</name>
    <message numerus="yes">
        <source>The server allows a login only every %n minute(s), so Poplar checks this account no more often than that.</source>
        <translation>
            <numerusform>The server allows a login only every %n minute, so Poplar checks this account no more often than that.</numerusform>
            <numerusform>The server allows a login only every %n minutes, so Poplar checks this account no more often than that.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ComposerWindow</name>
    <message numerus="yes">
        <source>%n attachment(s), %1</source>
        <translation>
            <numerusform>%n attachment, %1</numerusform>
            <numerusform>%n attachments, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::ConnectionTestPage</name>
    <message numerus="yes">
        <source>Logged in. The mailbox holds %n message(s), %1 in all.</source>
        <translation>
            <numerusform>Logged in. The mailbox holds %n message, %1 in all.</numerusform>
            <numerusform>Logged in. The mailbox holds %n messages, %1 in all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FetchActions</name>
    <message numerus="yes">
        <source>Sent %n message(s).</source>
        <translation>
            <numerusform>Sent %n message.</numerusform>
            <numerusform>Sent %n messages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The outgoing server refused %n message(s); they wait in the outbox.</source>
        <translation>
            <numerusform>The outgoing server refused %n message; it waits in the outbox.</numerusform>
            <numerusform>The outgoing server refused %n messages; they wait in the outbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) may have been sent: the connection ended before the server confirmed. Poplar does not send them again without asking.</source>
        <translation>
            <numerusform>%n message may have been sent: the connection ended before the server confirmed. Poplar does not send it again without asking.</numerusform>
            <numerusform>%n messages may have been sent: the connection ended before the server confirmed. Poplar does not send them again without asking.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The outgoing server could not take %n message(s) now; Poplar tries again later.</source>
        <translation>
            <numerusform>The outgoing server could not take %n message now; Poplar tries again later.</numerusform>
            <numerusform>The outgoing server could not take %n messages now; Poplar tries again later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FetchStatus</name>
    <message numerus="yes">
        <source>%n new message(s) at %1</source>
        <translation>
            <numerusform>%n new message at %1</numerusform>
            <numerusform>%n new messages at %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 ends the connection every time it is downloaded (%n time(s) so far). It stays on the server; each check tries it again last, on its own.</source>
        <translation>
            <numerusform>%1 ends the connection every time it is downloaded (%n time so far). It stays on the server; each check tries it again last, on its own.</numerusform>
            <numerusform>%1 ends the connection every time it is downloaded (%n times so far). It stays on the server; each check tries it again last, on its own.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n message(s) could not be downloaded</source>
        <translation>
            <numerusform>%1: %n message could not be downloaded</numerusform>
            <numerusform>%1: %n messages could not be downloaded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::FinishPage</name>
    <message numerus="yes">
        <source>Mail stays on the server for %n day(s).</source>
        <translation>
            <numerusform>Mail stays on the server for %n day.</numerusform>
            <numerusform>Mail stays on the server for %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New mail is checked every %n minute(s).</source>
        <translation>
            <numerusform>New mail is checked every %n minute.</numerusform>
            <numerusform>New mail is checked every %n minutes.</numerusform>
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
    <name>Poplar::Ui::MessageActions</name>
    <message numerus="yes">
        <source>Delete %n message(s) for good? They cannot be brought back.</source>
        <translation>
            <numerusform>Delete %n message for good? It cannot be brought back.</numerusform>
            <numerusform>Delete %n messages for good? They cannot be brought back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::MessageListModel</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::PolicyPage</name>
    <message numerus="yes">
        <source>Note: the server deletes mail %n day(s) after it was downloaded, whatever you choose here.</source>
        <translation>
            <numerusform>Note: the server deletes mail %n day after it was downloaded, whatever you choose here.</numerusform>
            <numerusform>Note: the server deletes mail %n days after it was downloaded, whatever you choose here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Note: the server allows checking for mail only every %n minute(s); Poplar waits at least that long.</source>
        <translation>
            <numerusform>Note: the server allows checking for mail only every %n minute; Poplar waits at least that long.</numerusform>
            <numerusform>Note: the server allows checking for mail only every %n minutes; Poplar waits at least that long.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Poplar::Ui::RemoteContentBar</name>
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
    <name>SendText</name>
    <message numerus="yes">
        <source>Sent “%1” to %n recipient(s); a copy is in Sent.</source>
        <translation>
            <numerusform>Sent “%1” to %n recipient; a copy is in Sent.</numerusform>
            <numerusform>Sent “%1” to %n recipients; a copy is in Sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: sent %n message(s)</source>
        <translation>
            <numerusform>%1: sent %n message</numerusform>
            <numerusform>%1: sent %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n to try again later</source>
        <translation>
            <numerusform>, %n to try again later</numerusform>
            <numerusform>, %n to try again later</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n refused</source>
        <translation>
            <numerusform>, %n refused</numerusform>
            <numerusform>, %n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n may have been sent</source>
        <translation>
            <numerusform>, %n may have been sent</numerusform>
            <numerusform>, %n may have been sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other waiting message(s) went out too.</source>
        <translation>
            <numerusform>%n other waiting message went out too.</numerusform>
            <numerusform>%n other waiting messages went out too.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerDescription</name>
    <message numerus="yes">
        <source>Allows checking for mail at most every %n minute(s) (LOGIN-DELAY).</source>
        <translation>
            <numerusform>Allows checking for mail at most every %n minute (LOGIN-DELAY).</numerusform>
            <numerusform>Allows checking for mail at most every %n minutes (LOGIN-DELAY).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deletes mail %n day(s) after it was downloaded (EXPIRE).</source>
        <translation>
            <numerusform>Deletes mail %n day after it was downloaded (EXPIRE).</numerusform>
            <numerusform>Deletes mail %n days after it was downloaded (EXPIRE).</numerusform>
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
