<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
  <context>
    <name>Report</name>
    <message>
      <source>(none)</source>
      <translation>(لا شيء)</translation>
    </message>
    <message>
      <source>Photo missing on this computer: %1</source>
      <translation>الصورة غير موجودة على هذا الحاسوب: %1</translation>
    </message>
    <message>
      <source>Page %1 of %2</source>
      <translation>الصفحة %1 من %2</translation>
    </message>
    <message>
      <source>Baseline report</source>
      <translation>تقرير البحث المرجعي</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>الرمز</translation>
    </message>
    <message>
      <source>Name (French)</source>
      <translation>الاسم (بالفرنسية)</translation>
    </message>
    <message>
      <source>Name (Arabic)</source>
      <translation>الاسم (بالعربية)</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>Capacity</source>
      <translation>الطاقة الاستيعابية</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>الجهة</translation>
    </message>
    <message>
      <source>Province</source>
      <translation>الإقليم</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>الجماعة</translation>
    </message>
    <message>
      <source>Nearest OCP site</source>
      <translation>أقرب موقع للمكتب الشريف للفوسفاط</translation>
    </message>
    <message>
      <source>GPS position</source>
      <translation>الموقع الجغرافي</translation>
    </message>
    <message>
      <source>Survey status</source>
      <translation>حالة الاستبيان</translation>
    </message>
    <message>
      <source>Agent</source>
      <translation>الباحث</translation>
    </message>
    <message>
      <source>Last saved</source>
      <translation>آخر حفظ</translation>
    </message>
    <message>
      <source>Form version</source>
      <translation>نسخة الاستمارة</translation>
    </message>
    <message>
      <source>No survey of this establishment yet.</source>
      <translation>لا يوجد استبيان لهذه المؤسسة بعد.</translation>
    </message>
    <message>
      <source>The form of this survey is not on this computer.</source>
      <translation>استمارة هذا الاستبيان غير موجودة على هذا الحاسوب.</translation>
    </message>
    <message>
      <source>Key indicators</source>
      <translation>المؤشرات الرئيسية</translation>
    </message>
    <message>
      <source>%1 MAD in total</source>
      <translation>المجموع %1 درهم</translation>
    </message>
    <message>
      <source>%1 MAD a month</source>
      <translation>%1 درهم شهريا</translation>
    </message>
    <message>
      <source>Not connected to the grid</source>
      <translation>غير مربوطة بالشبكة</translation>
    </message>
    <message>
      <source>%1 m²</source>
      <translation>%1 م²</translation>
    </message>
    <message>
      <source>about %1 kWp of solar</source>
      <translation>حوالي %1 كيلوواط ذروة شمسية</translation>
    </message>
    <message>
      <source>Internet connection</source>
      <translation>الربط بالإنترنت</translation>
    </message>
    <message>
      <source>Electricity bills (12 months)</source>
      <translation>فواتير الكهرباء (12 شهرا)</translation>
    </message>
    <message>
      <source>Hot water</source>
      <translation>الماء الساخن</translation>
    </message>
    <message>
      <source>Usable roof area</source>
      <translation>مساحة السطح القابلة للاستعمال</translation>
    </message>
    <message>
      <source>Priority needs (first three)</source>
      <translation>الحاجيات ذات الأولوية (الثلاث الأولى)</translation>
    </message>
    <message>
      <source>Residents / capacity</source>
      <translation>المقيمون / الطاقة الاستيعابية</translation>
    </message>
    <message>
      <source>All regions</source>
      <translation>كل الجهات</translation>
    </message>
    <message>
      <source>Regional summary</source>
      <translation>الخلاصة الجهوية</translation>
    </message>
    <message>
      <source>Establishments</source>
      <translation>المؤسسات</translation>
    </message>
    <message>
      <source>Surveyed (finalized or approved)</source>
      <translation>المستجوبة (منتهية أو مصادق عليها)</translation>
    </message>
    <message>
      <source>Approved</source>
      <translation>مصادق عليها</translation>
    </message>
    <message>
      <source>Connected to the Internet</source>
      <translation>متصلة بالإنترنت</translation>
    </message>
    <message>
      <source>Electricity billed (12 months)</source>
      <translation>الكهرباء المفوترة (12 شهرا)</translation>
    </message>
    <message>
      <source>Progress of the fieldwork</source>
      <translation>تقدم العمل الميداني</translation>
    </message>
    <message>
      <source>Establishments by survey progress, per province</source>
      <translation>المؤسسات حسب تقدم الاستبيان، حسب الإقليم</translation>
    </message>
    <message>
      <source>Per province</source>
      <translation>حسب الإقليم</translation>
    </message>
    <message>
      <source>Per OCP site</source>
      <translation>حسب موقع المكتب الشريف للفوسفاط</translation>
    </message>
    <message>
      <source>Per agent</source>
      <translation>حسب الباحث</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>المجموع</translation>
    </message>
    <message>
      <source>Surveyed</source>
      <translation>المستجوبة</translation>
    </message>
    <message>
      <source>Baseline indicators</source>
      <translation>مؤشرات البحث المرجعي</translation>
    </message>
    <message>
      <source>From the latest finalized or approved survey of %1 establishments.</source>
      <translation>حسب آخر استبيان منته أو مصادق عليه لـ %1 مؤسسة.</translation>
    </message>
    <message>
      <source>Connected to the Internet: %1%</source>
      <translation>متصلة بالإنترنت: %1%</translation>
    </message>
    <message>
      <source>Connected</source>
      <translation>متصلة</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>غير متصلة</translation>
    </message>
    <message>
      <source>Connection type</source>
      <translation>نوع الربط</translation>
    </message>
    <message>
      <source>Hot-water source</source>
      <translation>مصدر الماء الساخن</translation>
    </message>
    <message>
      <source>Monthly electricity bill (MAD)</source>
      <translation>فاتورة الكهرباء الشهرية (درهم)</translation>
    </message>
    <message>
      <source>Usable roof area (m²)</source>
      <translation>مساحة السطح القابلة للاستعمال (م²)</translation>
    </message>
    <message>
      <source>Priority needs (rank score)</source>
      <translation>الحاجيات ذات الأولوية (نقاط الترتيب)</translation>
    </message>
    <message>
      <source>Not started</source>
      <translation>لم تبدأ</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>مسودة</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>منتهية</translation>
    </message>
    <message>
      <source>Synced</source>
      <translation>متزامن</translation>
    </message>
    <message>
      <source>Returned</source>
      <translation>معادة</translation>
    </message>
  </context>
  <context>
    <name>ReportDialog</name>
    <message>
      <source>&amp;Browse…</source>
      <translation>تصفح…</translation>
    </message>
    <message>
      <source>Language of the report:</source>
      <translation>لغة التقرير:</translation>
    </message>
    <message>
      <source>Region:</source>
      <translation>الجهة:</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>الملف:</translation>
    </message>
  </context>
  <context>
    <name>ReportActions</name>
    <message>
      <source>Regional &amp;summary (PDF)…</source>
      <translation>الخلاصة الجهوية (PDF)…</translation>
    </message>
    <message>
      <source>Establishment report (PDF)</source>
      <translation>تقرير المؤسسة (PDF)</translation>
    </message>
    <message>
      <source>All my regions</source>
      <translation>كل جهاتي</translation>
    </message>
    <message>
      <source>Regional summary (PDF)</source>
      <translation>الخلاصة الجهوية (PDF)</translation>
    </message>
    <message>
      <source>Writing the report of %1…</source>
      <translation>جار كتابة تقرير %1…</translation>
    </message>
    <message>
      <source>Writing the regional summary…</source>
      <translation>جار كتابة الخلاصة الجهوية…</translation>
    </message>
    <message>
      <source>A report is already being written.</source>
      <translation>تقرير قيد الكتابة حاليا.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message numerus="yes">
      <source>Report written: %1 (%n page(s)).</source>
      <translation>
        <numerusform>تمت كتابة التقرير: %1 (%n صفحة).</numerusform>
        <numerusform>تمت كتابة التقرير: %1 (%n صفحة).</numerusform>
        <numerusform>تمت كتابة التقرير: %1 (%n صفحة).</numerusform>
        <numerusform>تمت كتابة التقرير: %1 (%n صفحة).</numerusform>
        <numerusform>تمت كتابة التقرير: %1 (%n صفحة).</numerusform>
        <numerusform>تمت كتابة التقرير: %1 (%n صفحة).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n photo(s) missing on this computer are marked in the report.</source>
      <translation>
        <numerusform>الصور غير الموجودة على هذا الحاسوب (%n) مشار إليها في التقرير.</numerusform>
        <numerusform>الصور غير الموجودة على هذا الحاسوب (%n) مشار إليها في التقرير.</numerusform>
        <numerusform>الصور غير الموجودة على هذا الحاسوب (%n) مشار إليها في التقرير.</numerusform>
        <numerusform>الصور غير الموجودة على هذا الحاسوب (%n) مشار إليها في التقرير.</numerusform>
        <numerusform>الصور غير الموجودة على هذا الحاسوب (%n) مشار إليها في التقرير.</numerusform>
        <numerusform>الصور غير الموجودة على هذا الحاسوب (%n) مشار إليها في التقرير.</numerusform>
      </translation>
    </message>
    <message>
      <source>Report cancelled: no file was written.</source>
      <translation>ألغي التقرير: لم يكتب أي ملف.</translation>
    </message>
    <message>
      <source>The report cannot be written in %1: the folder does not exist or is read-only. Choose another folder.</source>
      <translation>لا يمكن كتابة التقرير في %1: المجلد غير موجود أو للقراءة فقط. اختر مجلدا آخر.</translation>
    </message>
    <message>
      <source>The disk is full: the report was not written in %1.</source>
      <translation>القرص ممتلئ: لم يكتب التقرير في %1.</translation>
    </message>
    <message>
      <source>The report could not be written in %1.</source>
      <translation>تعذرت كتابة التقرير في %1.</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>تقرير</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentDetail</name>
    <message>
      <source>&amp;Report (PDF)…</source>
      <translation>تقرير (PDF)…</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <source>Regional summary (PDF)…</source>
      <translation>الخلاصة الجهوية (PDF)…</translation>
    </message>
  </context>
</TS>
