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
