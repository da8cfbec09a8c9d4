<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
  <context>
    <name>AssignmentsPanel</name>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Code</source>
      <translation>الرمز</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Name</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Commune</source>
      <translation>الجماعة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Survey</source>
      <translation>الاستبيان</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="422" />
      <source>Agents</source>
      <translation>الباحثون</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="424" />
      <source>Agent:</source>
      <translation>الباحث:</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="425" />
      <source>A&amp;ssign selected</source>
      <translation>إسناد المحدد</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="426" />
      <source>&amp;Unassign selected</source>
      <translation>إلغاء إسناد المحدد</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="471" />
      <source>Select establishments and an agent.</source>
      <translation>اختر مؤسسات وباحثا.</translation>
    </message>
    <message numerus="yes">
      <location filename="../coordinator/workspace.py" line="475" />
      <source>%n change(s) queued; sent at the next sync.</source>
      <translation>
        <numerusform>%n تعديل في الانتظار؛ يرسل عند المزامنة القادمة.</numerusform>
        <numerusform>%n تعديل في الانتظار؛ يرسل عند المزامنة القادمة.</numerusform>
        <numerusform>%n تعديل في الانتظار؛ يرسل عند المزامنة القادمة.</numerusform>
        <numerusform>%n تعديل في الانتظار؛ يرسل عند المزامنة القادمة.</numerusform>
        <numerusform>%n تعديل في الانتظار؛ يرسل عند المزامنة القادمة.</numerusform>
        <numerusform>%n تعديل في الانتظار؛ يرسل عند المزامنة القادمة.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CoordinatorWorkspace</name>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Dashboard</source>
      <translation>لوحة القيادة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Map</source>
      <translation>الخريطة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Review</source>
      <translation>المراجعة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Assignments</source>
      <translation>الإسنادات</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <location filename="../coordinator/workspace.py" line="117" />
      <source>Progress by</source>
      <translation>التقدم حسب</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>Region</source>
      <translation>الجهة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>OCP site</source>
      <translation>موقع OCP</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>Agent</source>
      <translation>الباحث</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="145" />
      <source>Synced</source>
      <translation>متزامن</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="157" />
      <source>(none)</source>
      <translation>(لا شيء)</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="161" />
      <source>Establishments by survey progress</source>
      <translation>المؤسسات حسب تقدم الاستبيان</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="167" />
      <source>%1 establishments, %2 surveyed (finalized or approved)</source>
      <translation>%1 مؤسسة، %2 منها مستجوبة (منتهية أو مصادق عليها)</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="173" />
      <source>Connected to the Internet: %1%</source>
      <translation>متصلة بالإنترنت: %1%</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="175" />
      <source>Connected</source>
      <translation>متصلة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="176" />
      <source>Not connected</source>
      <translation>غير متصلة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="180" />
      <source>Connection type</source>
      <translation>نوع الربط</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="187" />
      <source>Hot-water source</source>
      <translation>مصدر الماء الساخن</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="195" />
      <source>Monthly electricity bill (MAD), total billed %1 MAD</source>
      <translation>فاتورة الكهرباء الشهرية (درهم)، المجموع %1 درهم</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="199" />
      <source>Usable roof area (m²): %1 m², about %2 kWp of solar</source>
      <translation>مساحة السطح القابلة للاستعمال (م²): %1 م²، حوالي %2 كيلوواط ذروة شمسية</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="205" />
      <source>Priority needs (rank score)</source>
      <translation>الحاجيات ذات الأولوية (نقاط الترتيب)</translation>
    </message>
  </context>
  <context>
    <name>ReviewPanel</name>
    <message>
      <source>Please confirm</source>
      <translation>يرجى التأكيد</translation>
    </message>
    <message>
      <source>Approve this survey? The agent can no longer change it.</source>
      <translation>الموافقة على هذه الاستمارة؟ لن يعود بإمكان العون تعديلها.</translation>
    </message>
    <message>
      <source>Return this survey to the agent with your comment?</source>
      <translation>إرجاع هذه الاستمارة إلى العون مع تعليقك؟</translation>
    </message>
    <message>
      <source>Approve</source>
      <translation>موافقة</translation>
    </message>
    <message>
      <source>Return</source>
      <translation>إرجاع</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="274" />
      <source>&amp;Approve</source>
      <translation>مصادقة</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="275" />
      <source>&amp;Return for correction</source>
      <translation>إرجاع للتصحيح</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="276" />
      <source>Comment for the agent (required to return):</source>
      <translation>ملاحظة للباحث (إلزامية عند الإرجاع):</translation>
    </message>
    <message numerus="yes">
      <location filename="../coordinator/workspace.py" line="277" />
      <location filename="../coordinator/workspace.py" line="297" />
      <source>%n survey(s) to review</source>
      <translation>
        <numerusform>%n استبيان للمراجعة</numerusform>
        <numerusform>%n استبيان للمراجعة</numerusform>
        <numerusform>%n استبيان للمراجعة</numerusform>
        <numerusform>%n استبيان للمراجعة</numerusform>
        <numerusform>%n استبيان للمراجعة</numerusform>
        <numerusform>%n استبيان للمراجعة</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="305" />
      <source>Nothing to review.</source>
      <translation>لا شيء للمراجعة.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="329" />
      <source>Highlighted: changed since the previous revision.</source>
      <translation>المظلل: تغير منذ المراجعة السابقة.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="331" />
      <source>First revision received.</source>
      <translation>أول نسخة مستلمة.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="335" />
      <source>By %1, revision %2.</source>
      <translation>بواسطة %1، النسخة %2.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="345" />
      <source>was:</source>
      <translation>سابقا:</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="353" />
      <source>Write what the agent must correct.</source>
      <translation>اكتب ما يجب على الباحث تصحيحه.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="360" />
      <source>Approved; sent at the next sync.</source>
      <translation>تمت المصادقة؛ ترسل عند المزامنة القادمة.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="362" />
      <source>Returned; the agent sees your comment after the next syncs.</source>
      <translation>تم الإرجاع؛ سيرى الباحث ملاحظتك بعد المزامنات القادمة.</translation>
    </message>
  </context>
  <context>
    <name>Coordination</name>
    <message>
      <source>Bundle written: %1 changes and %2 photos. Give it to your coordinator.</source>
      <translation>تمت كتابة الحزمة: %1 تعديل و%2 صورة. سلمها لمنسقك.</translation>
    </message>
    <message>
      <source>Receipt written: %1 acknowledged by the server, %2 not yet sent.</source>
      <translation>تمت كتابة الإشعار: %1 مقبولة من الخادم، %2 لم ترسل بعد.</translation>
    </message>
    <message>
      <source>Receipt imported: %1 changes cleared from the outbox.</source>
      <translation>تم استيراد الإشعار: حذف %1 تعديل من صندوق الإرسال.</translation>
    </message>
    <message>
      <source>This bundle was already imported: nothing changed.</source>
      <translation>هذه الحزمة مستوردة من قبل: لم يتغير شيء.</translation>
    </message>
    <message>
      <source>Bundle from %1 imported: %2 new changes, sent to the server at the next sync.</source>
      <translation>تم استيراد حزمة %1: %2 تعديل جديد، يرسل إلى الخادم عند المزامنة القادمة.</translation>
    </message>
    <message>
      <source>&amp;Coordination</source>
      <translation>التنسيق</translation>
    </message>
    <message>
      <source>&amp;Establishments</source>
      <translation>المؤسسات</translation>
    </message>
    <message>
      <source>&amp;Dashboard</source>
      <translation>لوحة القيادة</translation>
    </message>
    <message>
      <source>&amp;Map</source>
      <translation>الخريطة</translation>
    </message>
    <message>
      <source>&amp;Review</source>
      <translation>المراجعة</translation>
    </message>
    <message>
      <source>&amp;Assignments</source>
      <translation>الإسنادات</translation>
    </message>
    <message>
      <source>&amp;Bundles</source>
      <translation>الحزم</translation>
    </message>
    <message>
      <source>&amp;Export a bundle for the coordinator…</source>
      <translation>تصدير حزمة للمنسق…</translation>
    </message>
    <message>
      <source>&amp;Import a bundle or a receipt…</source>
      <translation>استيراد حزمة أو إشعار…</translation>
    </message>
    <message>
      <source>Write a &amp;receipt for a bundle…</source>
      <translation>كتابة إشعار لحزمة…</translation>
    </message>
    <message>
      <source>Wrong passphrase for this file.</source>
      <translation>عبارة المرور خاطئة لهذا الملف.</translation>
    </message>
    <message>
      <source>This file was altered or damaged: it was refused.</source>
      <translation>هذا الملف معدل أو تالف: تم رفضه.</translation>
    </message>
    <message>
      <source>This file is incomplete (truncated): copy it again.</source>
      <translation>هذا الملف ناقص: انسخه مرة أخرى.</translation>
    </message>
    <message>
      <source>This file is not a FieldApp bundle.</source>
      <translation>هذا الملف ليس حزمة FieldApp.</translation>
    </message>
    <message>
      <source>The outbox is empty: there is nothing to carry.</source>
      <translation>صندوق الإرسال فارغ: لا شيء للنقل.</translation>
    </message>
    <message>
      <source>Enroll this laptop once before exporting bundles.</source>
      <translation>سجل هذا الحاسوب مرة واحدة قبل تصدير الحزم.</translation>
    </message>
    <message>
      <source>A bundle is imported on a coordinator's laptop.</source>
      <translation>تستورد الحزمة على حاسوب المنسق.</translation>
    </message>
    <message>
      <source>This receipt belongs to another laptop.</source>
      <translation>هذا الإشعار يخص حاسوبا آخر.</translation>
    </message>
    <message>
      <source>Bundle</source>
      <translation>حزمة</translation>
    </message>
    <message>
      <source>Passphrase:</source>
      <translation>عبارة المرور:</translation>
    </message>
    <message>
      <source>Passphrase again:</source>
      <translation>عبارة المرور مرة أخرى:</translation>
    </message>
    <message>
      <source>The passphrases differ.</source>
      <translation>عبارتا المرور مختلفتان.</translation>
    </message>
    <message>
      <source>Choose a passphrase of at least 8 characters.</source>
      <translation>اختر عبارة مرور من 8 أحرف على الأقل.</translation>
    </message>
    <message>
      <source>Export a bundle</source>
      <translation>تصدير حزمة</translation>
    </message>
    <message>
      <source>Import a bundle or a receipt</source>
      <translation>استيراد حزمة أو إشعار</translation>
    </message>
    <message>
      <source>Bundle imported here</source>
      <translation>الحزمة المستوردة هنا</translation>
    </message>
    <message>
      <source>Write the receipt</source>
      <translation>كتابة الإشعار</translation>
    </message>
  </context>
  <context>
    <name>MapView</name>
    <message numerus="yes">
      <source>%n establishment(s) here (click to zoom in)</source>
      <translation><numerusform>%n مؤسسة هنا (انقر للتكبير)</numerusform><numerusform>%n مؤسسة هنا (انقر للتكبير)</numerusform><numerusform>%n مؤسستان هنا (انقر للتكبير)</numerusform><numerusform>%n مؤسسات هنا (انقر للتكبير)</numerusform><numerusform>%n مؤسسة هنا (انقر للتكبير)</numerusform><numerusform>%n مؤسسة هنا (انقر للتكبير)</numerusform></translation>
    </message>
    <message>
      <source>(12) nearby establishments: click to zoom in</source>
      <translation>(12) مؤسسات متقاربة: انقر للتكبير</translation>
    </message>
  </context>
</TS>