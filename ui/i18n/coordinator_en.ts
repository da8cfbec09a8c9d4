<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
  <context>
    <name>AssignmentsPanel</name>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Commune</source>
      <translation>Commune</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Survey</source>
      <translation>Survey</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="422" />
      <source>Agents</source>
      <translation>Agents</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="424" />
      <source>Agent:</source>
      <translation>Agent:</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="425" />
      <source>A&amp;ssign selected</source>
      <translation>A&amp;ssign selected</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="426" />
      <source>&amp;Unassign selected</source>
      <translation>&amp;Unassign selected</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="471" />
      <source>Select establishments and an agent.</source>
      <translation>Select establishments and an agent.</translation>
    </message>
    <message numerus="yes">
      <location filename="../coordinator/workspace.py" line="475" />
      <source>%n change(s) queued; sent at the next sync.</source>
      <translation>
        <numerusform>%n change queued; sent at the next sync.</numerusform>
        <numerusform>%n changes queued; sent at the next sync.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CoordinatorWorkspace</name>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Dashboard</source>
      <translation>Dashboard</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Map</source>
      <translation>Map</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Review</source>
      <translation>Review</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Assignments</source>
      <translation>Assignments</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <location filename="../coordinator/workspace.py" line="117" />
      <source>Progress by</source>
      <translation>Progress by</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>Region</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>OCP site</source>
      <translation>OCP site</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>Agent</source>
      <translation>Agent</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="145" />
      <source>Synced</source>
      <translation>Synced</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="157" />
      <source>(none)</source>
      <translation>(none)</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="161" />
      <source>Establishments by survey progress</source>
      <translation>Establishments by survey progress</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="167" />
      <source>%1 establishments, %2 surveyed (finalized or approved)</source>
      <translation>%1 establishments, %2 surveyed (finalized or approved)</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="173" />
      <source>Connected to the Internet: %1%</source>
      <translation>Connected to the Internet: %1%</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="175" />
      <source>Connected</source>
      <translation>Connected</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="176" />
      <source>Not connected</source>
      <translation>Not connected</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="180" />
      <source>Connection type</source>
      <translation>Connection type</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="187" />
      <source>Hot-water source</source>
      <translation>Hot-water source</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="195" />
      <source>Monthly electricity bill (MAD), total billed %1 MAD</source>
      <translation>Monthly electricity bill (MAD), total billed %1 MAD</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="199" />
      <source>Usable roof area (m²): %1 m², about %2 kWp of solar</source>
      <translation>Usable roof area (m²): %1 m², about %2 kWp of solar</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="205" />
      <source>Priority needs (rank score)</source>
      <translation>Priority needs (rank score)</translation>
    </message>
  </context>
  <context>
    <name>ReviewPanel</name>
    <message>
      <source>Please confirm</source>
      <translation>Please confirm</translation>
    </message>
    <message>
      <source>Approve this survey? The agent can no longer change it.</source>
      <translation>Approve this survey? The agent can no longer change it.</translation>
    </message>
    <message>
      <source>Return this survey to the agent with your comment?</source>
      <translation>Return this survey to the agent with your comment?</translation>
    </message>
    <message>
      <source>Approve</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>Return</source>
      <translation>Return</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="274" />
      <source>&amp;Approve</source>
      <translation>&amp;Approve</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="275" />
      <source>&amp;Return for correction</source>
      <translation>&amp;Return for correction</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="276" />
      <source>Comment for the agent (required to return):</source>
      <translation>Comment for the agent (required to return):</translation>
    </message>
    <message numerus="yes">
      <location filename="../coordinator/workspace.py" line="277" />
      <location filename="../coordinator/workspace.py" line="297" />
      <source>%n survey(s) to review</source>
      <translation>
        <numerusform>%n survey to review</numerusform>
        <numerusform>%n surveys to review</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="305" />
      <source>Nothing to review.</source>
      <translation>Nothing to review.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="329" />
      <source>Highlighted: changed since the previous revision.</source>
      <translation>Highlighted: changed since the previous revision.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="331" />
      <source>First revision received.</source>
      <translation>First revision received.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="335" />
      <source>By %1, revision %2.</source>
      <translation>By %1, revision %2.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="345" />
      <source>was:</source>
      <translation>was:</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="353" />
      <source>Write what the agent must correct.</source>
      <translation>Write what the agent must correct.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="360" />
      <source>Approved; sent at the next sync.</source>
      <translation>Approved; sent at the next sync.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="362" />
      <source>Returned; the agent sees your comment after the next syncs.</source>
      <translation>Returned; the agent sees your comment after the next syncs.</translation>
    </message>
  </context>
  <context>
    <name>Coordination</name>
    <message>
      <source>Bundle written: %1 changes and %2 photos. Give it to your coordinator.</source>
      <translation>Bundle written: %1 changes and %2 photos. Give it to your coordinator.</translation>
    </message>
    <message>
      <source>Receipt written: %1 acknowledged by the server, %2 not yet sent.</source>
      <translation>Receipt written: %1 acknowledged by the server, %2 not yet sent.</translation>
    </message>
    <message>
      <source>Receipt imported: %1 changes cleared from the outbox.</source>
      <translation>Receipt imported: %1 changes cleared from the outbox.</translation>
    </message>
    <message>
      <source>This bundle was already imported: nothing changed.</source>
      <translation>This bundle was already imported: nothing changed.</translation>
    </message>
    <message>
      <source>Bundle from %1 imported: %2 new changes, sent to the server at the next sync.</source>
      <translation>Bundle from %1 imported: %2 new changes, sent to the server at the next sync.</translation>
    </message>
    <message>
      <source>&amp;Coordination</source>
      <translation>&amp;Coordination</translation>
    </message>
    <message>
      <source>&amp;Establishments</source>
      <translation>&amp;Establishments</translation>
    </message>
    <message>
      <source>&amp;Dashboard</source>
      <translation>&amp;Dashboard</translation>
    </message>
    <message>
      <source>&amp;Map</source>
      <translation>&amp;Map</translation>
    </message>
    <message>
      <source>&amp;Review</source>
      <translation>&amp;Review</translation>
    </message>
    <message>
      <source>&amp;Assignments</source>
      <translation>&amp;Assignments</translation>
    </message>
    <message>
      <source>&amp;Bundles</source>
      <translation>&amp;Bundles</translation>
    </message>
    <message>
      <source>&amp;Export a bundle for the coordinator…</source>
      <translation>&amp;Export a bundle for the coordinator…</translation>
    </message>
    <message>
      <source>&amp;Import a bundle or a receipt…</source>
      <translation>&amp;Import a bundle or a receipt…</translation>
    </message>
    <message>
      <source>Write a &amp;receipt for a bundle…</source>
      <translation>Write a &amp;receipt for a bundle…</translation>
    </message>
    <message>
      <source>Wrong passphrase for this file.</source>
      <translation>Wrong passphrase for this file.</translation>
    </message>
    <message>
      <source>This file was altered or damaged: it was refused.</source>
      <translation>This file was altered or damaged: it was refused.</translation>
    </message>
    <message>
      <source>This file is incomplete (truncated): copy it again.</source>
      <translation>This file is incomplete (truncated): copy it again.</translation>
    </message>
    <message>
      <source>This file is not a FieldApp bundle.</source>
      <translation>This file is not a FieldApp bundle.</translation>
    </message>
    <message>
      <source>The outbox is empty: there is nothing to carry.</source>
      <translation>The outbox is empty: there is nothing to carry.</translation>
    </message>
    <message>
      <source>Enroll this laptop once before exporting bundles.</source>
      <translation>Enroll this laptop once before exporting bundles.</translation>
    </message>
    <message>
      <source>A bundle is imported on a coordinator's laptop.</source>
      <translation>A bundle is imported on a coordinator's laptop.</translation>
    </message>
    <message>
      <source>This receipt belongs to another laptop.</source>
      <translation>This receipt belongs to another laptop.</translation>
    </message>
    <message>
      <source>Bundle</source>
      <translation>Bundle</translation>
    </message>
    <message>
      <source>Passphrase:</source>
      <translation>Passphrase:</translation>
    </message>
    <message>
      <source>Passphrase again:</source>
      <translation>Passphrase again:</translation>
    </message>
    <message>
      <source>The passphrases differ.</source>
      <translation>The passphrases differ.</translation>
    </message>
    <message>
      <source>Choose a passphrase of at least 8 characters.</source>
      <translation>Choose a passphrase of at least 8 characters.</translation>
    </message>
    <message>
      <source>Export a bundle</source>
      <translation>Export a bundle</translation>
    </message>
    <message>
      <source>Import a bundle or a receipt</source>
      <translation>Import a bundle or a receipt</translation>
    </message>
    <message>
      <source>Bundle imported here</source>
      <translation>Bundle imported here</translation>
    </message>
    <message>
      <source>Write the receipt</source>
      <translation>Write the receipt</translation>
    </message>
  </context>
  <context>
    <name>MapView</name>
    <message numerus="yes">
      <source>%n establishment(s) here (click to zoom in)</source>
      <translation><numerusform>%n establishment here (click to zoom in)</numerusform><numerusform>%n establishments here (click to zoom in)</numerusform></translation>
    </message>
    <message>
      <source>(12) nearby establishments: click to zoom in</source>
      <translation>(12) nearby establishments: click to zoom in</translation>
    </message>
  </context>
</TS>