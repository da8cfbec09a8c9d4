<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
  <context>
    <name>Report</name>
    <message>
      <source>(none)</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>Photo missing on this computer: %1</source>
      <translation>Photo missing on this computer: %1</translation>
    </message>
    <message>
      <source>Page %1 of %2</source>
      <translation>Page %1 of %2</translation>
    </message>
    <message>
      <source>Baseline report</source>
      <translation>Baseline report</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Name (French)</source>
      <translation>Name (French)</translation>
    </message>
    <message>
      <source>Name (Arabic)</source>
      <translation>Name (Arabic)</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Capacity</source>
      <translation>Capacity</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Region</translation>
    </message>
    <message>
      <source>Province</source>
      <translation>Province</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>Commune</translation>
    </message>
    <message>
      <source>Nearest OCP site</source>
      <translation>Nearest OCP site</translation>
    </message>
    <message>
      <source>GPS position</source>
      <translation>GPS position</translation>
    </message>
    <message>
      <source>Survey status</source>
      <translation>Survey status</translation>
    </message>
    <message>
      <source>Agent</source>
      <translation>Agent</translation>
    </message>
    <message>
      <source>Last saved</source>
      <translation>Last saved</translation>
    </message>
    <message>
      <source>Form version</source>
      <translation>Form version</translation>
    </message>
    <message>
      <source>No survey of this establishment yet.</source>
      <translation>No survey of this establishment yet.</translation>
    </message>
    <message>
      <source>The form of this survey is not on this computer.</source>
      <translation>The form of this survey is not on this computer.</translation>
    </message>
    <message>
      <source>Key indicators</source>
      <translation>Key indicators</translation>
    </message>
    <message>
      <source>%1 MAD in total</source>
      <translation>%1 MAD in total</translation>
    </message>
    <message>
      <source>%1 MAD a month</source>
      <translation>%1 MAD a month</translation>
    </message>
    <message>
      <source>Not connected to the grid</source>
      <translation>Not connected to the grid</translation>
    </message>
    <message>
      <source>%1 m²</source>
      <translation>%1 m²</translation>
    </message>
    <message>
      <source>about %1 kWp of solar</source>
      <translation>about %1 kWp of solar</translation>
    </message>
    <message>
      <source>Internet connection</source>
      <translation>Internet connection</translation>
    </message>
    <message>
      <source>Electricity bills (12 months)</source>
      <translation>Electricity bills (12 months)</translation>
    </message>
    <message>
      <source>Hot water</source>
      <translation>Hot water</translation>
    </message>
    <message>
      <source>Usable roof area</source>
      <translation>Usable roof area</translation>
    </message>
    <message>
      <source>Priority needs (first three)</source>
      <translation>Priority needs (first three)</translation>
    </message>
    <message>
      <source>Residents / capacity</source>
      <translation>Residents / capacity</translation>
    </message>
    <message>
      <source>All regions</source>
      <translation>All regions</translation>
    </message>
    <message>
      <source>Regional summary</source>
      <translation>Regional summary</translation>
    </message>
    <message>
      <source>Establishments</source>
      <translation>Establishments</translation>
    </message>
    <message>
      <source>Surveyed (finalized or approved)</source>
      <translation>Surveyed (finalized or approved)</translation>
    </message>
    <message>
      <source>Approved</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>Connected to the Internet</source>
      <translation>Connected to the Internet</translation>
    </message>
    <message>
      <source>Electricity billed (12 months)</source>
      <translation>Electricity billed (12 months)</translation>
    </message>
    <message>
      <source>Progress of the fieldwork</source>
      <translation>Progress of the fieldwork</translation>
    </message>
    <message>
      <source>Establishments by survey progress, per province</source>
      <translation>Establishments by survey progress, per province</translation>
    </message>
    <message>
      <source>Per province</source>
      <translation>Per province</translation>
    </message>
    <message>
      <source>Per OCP site</source>
      <translation>Per OCP site</translation>
    </message>
    <message>
      <source>Per agent</source>
      <translation>Per agent</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Surveyed</source>
      <translation>Surveyed</translation>
    </message>
    <message>
      <source>Baseline indicators</source>
      <translation>Baseline indicators</translation>
    </message>
    <message>
      <source>From the latest finalized or approved survey of %1 establishments.</source>
      <translation>From the latest finalized or approved survey of %1 establishments.</translation>
    </message>
    <message>
      <source>Connected to the Internet: %1%</source>
      <translation>Connected to the Internet: %1%</translation>
    </message>
    <message>
      <source>Connected</source>
      <translation>Connected</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Not connected</translation>
    </message>
    <message>
      <source>Connection type</source>
      <translation>Connection type</translation>
    </message>
    <message>
      <source>Hot-water source</source>
      <translation>Hot-water source</translation>
    </message>
    <message>
      <source>Monthly electricity bill (MAD)</source>
      <translation>Monthly electricity bill (MAD)</translation>
    </message>
    <message>
      <source>Usable roof area (m²)</source>
      <translation>Usable roof area (m²)</translation>
    </message>
    <message>
      <source>Priority needs (rank score)</source>
      <translation>Priority needs (rank score)</translation>
    </message>
    <message>
      <source>Not started</source>
      <translation>Not started</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>Finalized</translation>
    </message>
    <message>
      <source>Synced</source>
      <translation>Synced</translation>
    </message>
    <message>
      <source>Returned</source>
      <translation>Returned</translation>
    </message>
  </context>
  <context>
    <name>ReportDialog</name>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Browse…</translation>
    </message>
    <message>
      <source>Language of the report:</source>
      <translation>Language of the report:</translation>
    </message>
    <message>
      <source>Region:</source>
      <translation>Region:</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>File:</translation>
    </message>
  </context>
  <context>
    <name>ReportActions</name>
    <message>
      <source>Regional &amp;summary (PDF)…</source>
      <translation>Regional &amp;summary (PDF)…</translation>
    </message>
    <message>
      <source>Establishment report (PDF)</source>
      <translation>Establishment report (PDF)</translation>
    </message>
    <message>
      <source>All my regions</source>
      <translation>All my regions</translation>
    </message>
    <message>
      <source>Regional summary (PDF)</source>
      <translation>Regional summary (PDF)</translation>
    </message>
    <message>
      <source>Writing the report of %1…</source>
      <translation>Writing the report of %1…</translation>
    </message>
    <message>
      <source>Writing the regional summary…</source>
      <translation>Writing the regional summary…</translation>
    </message>
    <message>
      <source>A report is already being written.</source>
      <translation>A report is already being written.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message numerus="yes">
      <source>Report written: %1 (%n page(s)).</source>
      <translation>
        <numerusform>Report written: %1 (%n page).</numerusform>
        <numerusform>Report written: %1 (%n pages).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n photo(s) missing on this computer are marked in the report.</source>
      <translation>
        <numerusform>%n photo missing on this computer are marked in the report.</numerusform>
        <numerusform>%n photos missing on this computer are marked in the report.</numerusform>
      </translation>
    </message>
    <message>
      <source>Report cancelled: no file was written.</source>
      <translation>Report cancelled: no file was written.</translation>
    </message>
    <message>
      <source>The report cannot be written in %1: the folder does not exist or is read-only. Choose another folder.</source>
      <translation>The report cannot be written in %1: the folder does not exist or is read-only. Choose another folder.</translation>
    </message>
    <message>
      <source>The disk is full: the report was not written in %1.</source>
      <translation>The disk is full: the report was not written in %1.</translation>
    </message>
    <message>
      <source>The report could not be written in %1.</source>
      <translation>The report could not be written in %1.</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Report</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentDetail</name>
    <message>
      <source>&amp;Report (PDF)…</source>
      <translation>&amp;Report (PDF)…</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <source>Regional summary (PDF)…</source>
      <translation>Regional summary (PDF)…</translation>
    </message>
  </context>
</TS>
