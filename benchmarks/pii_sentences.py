"""Sentence frames for the PII benchmark (``benchmarks/pii_data.py``), written for it by hand, per language.

``{v}`` is where the value goes and ``{c}`` a context word naming it (from ``Frames.words``). ``plain`` frames
name no kind of personal data, so a value in them has no context. ``neutral`` frames hold no personal data
at all: ``{o}`` an order number, ``{d}`` a date, ``{p}`` a price, ``{t}`` a time, ``{y}`` a year. Frames are
written with spaces around ``{v}``; for scripts written without spaces between words (``unspaced``) the
generator removes them in half the samples. ``digits`` are the script's own digits, used for some values.

Shan has no hand-written frames (nobody on the team writes Shan): its samples are SIB-200 train sentences
with the value inserted at a space, and Latin context words (``NRC``, ``Tel`` …), as Shan text uses them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

EMAIL = "EMAIL"
PHONE = "PHONE"
IP = "IP_ADDRESS"
CARD = "CREDIT_CARD"
IBAN = "IBAN"
MRZ = "PASSPORT_MRZ"


@dataclass(frozen=True)
class Frames:
    """One language's frames and context words (keyed by seabridge entity type)."""

    plain: tuple[str, ...]
    context: tuple[str, ...]
    words: dict[str, tuple[str, ...]]
    neutral: tuple[str, ...] = ()
    prices: tuple[str, ...] = ("${n}",)  # ``{n}`` is the amount
    thousands: str = ","  # the amount's thousands separator ("." in Vietnamese and Indonesian)
    dates: tuple[str, ...] = ("{dd}/{mm}/{yyyy}", "{yyyy}-{mm}-{dd}")
    unspaced: bool = False
    digits: str | None = None


PH_WORDS = {
    "PH_PHILSYS": ("PhilSys number", "PhilID", "PCN"),
    "PH_SSS": ("SSS number", "SSS no."),
    "PH_TIN": ("TIN", "TIN no."),
}

FRAMES: dict[str, Frames] = {
    "eng_Latn": Frames(
        plain=(
            "Please check {v} again before Friday.",
            "Is {v} correct?",
            "I copied {v} from the form yesterday.",
            "{v} was written on the back of the envelope.",
            "She sent me {v} this morning.",
            "Can you confirm {v} for me?",
        ),
        context=(
            "My {c} is {v}.",
            "{c}: {v}",
            "Please update the {c} to {v} in our records.",
            "The {c} on file is {v}, thanks.",
        ),
        words={
            EMAIL: ("email", "email address", "e-mail"),
            PHONE: ("phone number", "mobile", "tel"),
            IP: ("IP address", "server IP"),
            CARD: ("credit card number", "card number", "Visa card"),
            IBAN: ("IBAN", "bank account (IBAN)"),
            MRZ: ("passport MRZ", "machine-readable zone"),
            "TH_NATIONAL_ID": ("Thai ID card number", "Thai national ID"),
            "SG_NRIC_FIN": ("NRIC", "FIN", "NRIC number"),
            "MY_MYKAD": ("MyKad number", "IC number"),
            "CN_RESIDENT_ID": ("Chinese resident ID", "PRC ID card number"),
            "MM_NRC": ("NRC", "NRC number"),
            **PH_WORDS,
        },
        neutral=(
            "Order {o} was shipped on {d} and cost {p}.",
            "The meeting moved to {t} on {d}.",
            "Sales grew 12% in {y}.",
            "The invoice {o} for {p} is due on {d}.",
        ),
        prices=("${n}", "S${n}", "USD {n}"),
    ),
    "tha_Thai": Frames(
        plain=(
            "กรุณาตรวจสอบ {v} อีกครั้งนะคะ",
            "{v} ถูกต้องไหมครับ",
            "ฉันจดไว้ว่า {v} เมื่อวานนี้",
            "ลูกค้าแจ้งมาว่า {v} ค่ะ",
            "รบกวนยืนยัน {v} ให้ด้วยครับ",
        ),
        context=("{c} {v} ครับ", "{c}ของฉันคือ {v}", "กรุณาแก้ไข{c}เป็น {v} ด้วยค่ะ", "{c}: {v}"),
        words={
            EMAIL: ("อีเมล", "ที่อยู่อีเมล"),
            PHONE: ("เบอร์โทร", "โทร", "หมายเลขโทรศัพท์"),
            IP: ("ที่อยู่ IP", "ไอพี"),
            CARD: ("หมายเลขบัตรเครดิต", "บัตรเครดิต"),
            IBAN: ("เลข IBAN", "บัญชี IBAN"),
            MRZ: ("แถว MRZ ในหนังสือเดินทาง", "MRZ"),
            "TH_NATIONAL_ID": ("เลขบัตรประชาชน", "เลขประจำตัวประชาชน"),
        },
        neutral=(
            "คำสั่งซื้อ {o} จัดส่งแล้วเมื่อวันที่ {d} ราคา {p}",
            "ประชุมเลื่อนไปเวลา {t} วันที่ {d}",
            "ยอดขายปี {y} เพิ่มขึ้นร้อยละ 12",
            "สินค้าชิ้นนี้ราคา {p} ส่งถึงภายในวันที่ {d}",
        ),
        prices=("{n} บาท", "฿{n}"),
        unspaced=True,
        digits="๐๑๒๓๔๕๖๗๘๙",
    ),
    "lao_Laoo": Frames(
        plain=(
            "ກະລຸນາກວດເບິ່ງ {v} ອີກຄັ້ງ",
            "{v} ຖືກຕ້ອງບໍ່",
            "ຂ້ອຍຈົດໄວ້ວ່າ {v} ມື້ວານນີ້",
            "ລູກຄ້າແຈ້ງມາວ່າ {v}",
            "ກະລຸນາຢືນຢັນ {v} ໃຫ້ແດ່",
        ),
        context=("{c} {v}", "{c}ຂອງຂ້ອຍແມ່ນ {v}", "ກະລຸນາປ່ຽນ{c}ເປັນ {v}", "{c}: {v}"),
        words={
            EMAIL: ("ອີເມວ", "ທີ່ຢູ່ອີເມວ"),
            PHONE: ("ເບີໂທ", "ເບີໂທລະສັບ"),
            IP: ("ທີ່ຢູ່ IP",),
            CARD: ("ເລກບັດເຄຣດິດ", "ບັດເຄຣດິດ"),
            IBAN: ("ເລກ IBAN",),
            MRZ: ("MRZ ໜັງສືຜ່ານແດນ", "MRZ"),
        },
        neutral=(
            "ຄຳສັ່ງຊື້ {o} ສົ່ງແລ້ວວັນທີ {d} ລາຄາ {p}",
            "ກອງປະຊຸມເລື່ອນໄປເວລາ {t} ວັນທີ {d}",
            "ໃນປີ {y} ຍອດຂາຍເພີ່ມຂຶ້ນ 12%",
        ),
        prices=("{n} ກີບ",),
        unspaced=True,
        digits="໐໑໒໓໔໕໖໗໘໙",
    ),
    "khm_Khmr": Frames(
        plain=(
            "សូមពិនិត្យ {v} ម្តងទៀត",
            "{v} ត្រឹមត្រូវទេ?",
            "ខ្ញុំបានកត់ត្រា {v} កាលពីម្សិលមិញ",
            "អតិថិជនបានផ្ញើ {v} មកយើង",
            "សូមបញ្ជាក់ {v} ឲ្យខ្ញុំផង",
        ),
        context=("{c} {v}", "{c}របស់ខ្ញុំគឺ {v}", "សូមប្តូរ{c}ទៅជា {v}", "{c}: {v}"),
        words={
            EMAIL: ("អ៊ីមែល", "អាសយដ្ឋានអ៊ីមែល"),
            PHONE: ("លេខទូរស័ព្ទ", "ទូរស័ព្ទ"),
            IP: ("អាសយដ្ឋាន IP",),
            CARD: ("លេខកាតឥណទាន", "កាតឥណទាន"),
            IBAN: ("លេខ IBAN",),
            MRZ: ("MRZ លិខិតឆ្លងដែន", "MRZ"),
        },
        neutral=(
            "ការបញ្ជាទិញ {o} ត្រូវបានផ្ញើនៅថ្ងៃ {d} តម្លៃ {p}",
            "កិច្ចប្រជុំត្រូវបានពន្យារទៅម៉ោង {t} ថ្ងៃ {d}",
            "នៅឆ្នាំ {y} ការលក់បានកើនឡើង 12%",
        ),
        prices=("{n} រៀល", "${n}"),
        unspaced=True,
        digits="០១២៣៤៥៦៧៨៩",
    ),
    "mya_Mymr": Frames(
        plain=(
            "{v} ကို ထပ်မံစစ်ဆေးပေးပါ",
            "{v} မှန်ပါသလား",
            "မနေ့က {v} ကို မှတ်ထားခဲ့တယ်",
            "ဖောင်ထဲမှာ {v} လို့ ရေးထားတယ်",
            "{v} ကို အတည်ပြုပေးပါ",
        ),
        context=("{c} {v}", "ကျွန်တော့်{c}က {v} ပါ", "{c}ကို {v} သို့ ပြောင်းပေးပါ", "{c}: {v}"),
        words={
            EMAIL: ("အီးမေးလ်", "အီးမေးလ်လိပ်စာ"),
            PHONE: ("ဖုန်းနံပါတ်", "ဖုန်း"),
            IP: ("IP လိပ်စာ",),
            CARD: ("ခရက်ဒစ်ကတ်နံပါတ်", "ကတ်နံပါတ်"),
            IBAN: ("IBAN နံပါတ်",),
            MRZ: ("ပတ်စပို့ MRZ", "MRZ"),
            "MM_NRC": ("မှတ်ပုံတင်အမှတ်", "နိုင်ငံသားစိစစ်ရေးကတ်ပြားအမှတ်", "မှတ်ပုံတင်"),
        },
        neutral=(
            "အော်ဒါ {o} ကို {d} နေ့က ပို့ပြီးပါပြီ၊ ကျသင့်ငွေ {p}",
            "အစည်းအဝေးကို {d} နေ့ {t} သို့ ရွှေ့လိုက်သည်",
            "{y} ခုနှစ်တွင် ရောင်းအား 12% တိုးလာသည်",
        ),
        prices=("{n} ကျပ်",),
        unspaced=True,
        digits="၀၁၂၃၄၅၆၇၈၉",
    ),
    "shn_Mymr": Frames(
        plain=(),
        context=(),
        words={
            EMAIL: ("Email",),
            PHONE: ("Tel",),
            IP: ("IP",),
            CARD: ("Card",),
            IBAN: ("IBAN",),
            MRZ: ("MRZ",),
            "MM_NRC": ("NRC",),
        },
        unspaced=True,
    ),
    "vie_Latn": Frames(
        plain=(
            "Vui lòng kiểm tra lại {v} trước thứ Sáu.",
            "{v} có đúng không ạ?",
            "Tôi đã ghi lại {v} hôm qua.",
            "Khách hàng vừa gửi {v} cho chúng tôi.",
            "Anh xác nhận giúp em {v} nhé.",
        ),
        context=(
            "{c} của tôi là {v}.",
            "{c}: {v}",
            "Vui lòng cập nhật {c} thành {v}.",
            "Theo hồ sơ, {c} là {v}.",
        ),
        words={
            EMAIL: ("email", "địa chỉ email", "thư điện tử"),
            PHONE: ("số điện thoại", "SĐT", "điện thoại"),
            IP: ("địa chỉ IP",),
            CARD: ("số thẻ tín dụng", "thẻ Visa"),
            IBAN: ("số IBAN", "tài khoản IBAN"),
            MRZ: ("mã MRZ hộ chiếu", "MRZ"),
            "VN_CCCD": ("số CCCD", "số căn cước", "căn cước công dân"),
        },
        neutral=(
            "Đơn hàng {o} đã được giao ngày {d}, tổng tiền {p}.",
            "Cuộc họp dời sang {t} ngày {d}.",
            "Năm {y}, doanh số tăng 12%.",
        ),
        prices=("{n} đ", "{n} VND"),
        thousands=".",
    ),
    "ind_Latn": Frames(
        plain=(
            "Tolong periksa lagi {v} sebelum hari Jumat.",
            "Apakah {v} sudah benar?",
            "Saya mencatat {v} kemarin.",
            "Pelanggan baru saja mengirim {v} kepada kami.",
            "Mohon konfirmasi {v} ya.",
        ),
        context=(
            "{c} saya {v}.",
            "{c}: {v}",
            "Mohon perbarui {c} menjadi {v}.",
            "Menurut data kami, {c} adalah {v}.",
        ),
        words={
            EMAIL: ("email", "alamat email", "surel"),
            PHONE: ("nomor HP", "no. telepon", "nomor telepon"),
            IP: ("alamat IP",),
            CARD: ("nomor kartu kredit", "kartu kredit"),
            IBAN: ("nomor IBAN",),
            MRZ: ("MRZ paspor", "MRZ"),
            "ID_NIK": ("NIK", "nomor KTP", "NIK KTP"),
        },
        neutral=(
            "Pesanan {o} sudah dikirim pada {d} dengan total {p}.",
            "Rapat dipindah ke pukul {t} tanggal {d}.",
            "Pada tahun {y} penjualan naik 12%.",
        ),
        prices=("Rp {n}", "Rp{n}"),
        thousands=".",
    ),
    "zsm_Latn": Frames(
        plain=(
            "Sila semak semula {v} sebelum hari Jumaat.",
            "Adakah {v} betul?",
            "Saya telah mencatat {v} semalam.",
            "Pelanggan baru sahaja menghantar {v} kepada kami.",
            "Tolong sahkan {v} untuk saya.",
        ),
        context=(
            "{c} saya ialah {v}.",
            "{c}: {v}",
            "Sila kemas kini {c} kepada {v}.",
            "Mengikut rekod, {c} ialah {v}.",
        ),
        words={
            EMAIL: ("e-mel", "alamat e-mel", "emel"),
            PHONE: ("nombor telefon", "no. tel", "telefon bimbit"),
            IP: ("alamat IP",),
            CARD: ("nombor kad kredit", "kad kredit"),
            IBAN: ("nombor IBAN",),
            MRZ: ("MRZ pasport", "MRZ"),
            "MY_MYKAD": ("No. MyKad", "nombor kad pengenalan", "No. K/P"),
            "SG_NRIC_FIN": ("NRIC", "nombor NRIC"),
        },
        neutral=(
            "Pesanan {o} telah dihantar pada {d} dengan jumlah {p}.",
            "Mesyuarat ditunda ke pukul {t} pada {d}.",
            "Pada tahun {y}, jualan meningkat 12%.",
        ),
        prices=("RM {n}", "RM{n}"),
    ),
    "tgl_Latn": Frames(
        plain=(
            "Pakisuri ulit ang {v} bago mag-Biyernes.",
            "Tama ba ang {v}?",
            "Isinulat ko ang {v} kahapon.",
            "Ipinadala ng kliyente ang {v} kaninang umaga.",
            "Pakikumpirma ang {v} para sa akin.",
        ),
        context=(
            "Ang {c} ko ay {v}.",
            "{c}: {v}",
            "Pakipalitan ang {c} ng {v}.",
            "Ayon sa rekord, ang {c} ay {v}.",
        ),
        words={
            EMAIL: ("email", "email address"),
            PHONE: ("numero ng telepono", "cellphone number"),
            IP: ("IP address",),
            CARD: ("numero ng credit card", "credit card"),
            IBAN: ("IBAN",),
            MRZ: ("MRZ ng pasaporte", "MRZ"),
            **PH_WORDS,
        },
        neutral=(
            "Naipadala ang order {o} noong {d}, kabuuang {p}.",
            "Inilipat ang pulong sa {t} sa {d}.",
            "Noong {y}, tumaas ng 12% ang benta.",
        ),
        prices=("₱{n}", "PHP {n}"),
    ),
    "ceb_Latn": Frames(
        plain=(
            "Palihug susiha pag-usab ang {v} sa dili pa ang Biyernes.",
            "Sakto ba ang {v}?",
            "Gisulat nako ang {v} gahapon.",
            "Gipadala sa kliyente ang {v} ganina sa buntag.",
            "Palihug kumpirmaha ang {v}.",
        ),
        context=(
            "Ang akong {c} kay {v}.",
            "{c}: {v}",
            "Palihug usba ang {c} ngadto sa {v}.",
            "Sumala sa rekord, ang {c} kay {v}.",
        ),
        words={
            EMAIL: ("email", "email address"),
            PHONE: ("numero sa telepono", "cellphone number"),
            IP: ("IP address",),
            CARD: ("numero sa credit card", "credit card"),
            IBAN: ("IBAN",),
            MRZ: ("MRZ sa pasaporte", "MRZ"),
            **PH_WORDS,
        },
        neutral=(
            "Napadala na ang order {o} niadtong {d}, total {p}.",
            "Gibalhin ang miting sa {t} sa {d}.",
            "Sa tuig {y}, misaka og 12% ang baligya.",
        ),
        prices=("₱{n}", "PHP {n}"),
    ),
    "jav_Latn": Frames(
        plain=(
            "Tulung dipriksa maneh {v} sadurunge dina Jemuwah.",
            "Apa {v} wis bener?",
            "Aku nyathet {v} wingi.",
            "Pelanggan lagi wae ngirim {v} menyang kita.",
            "Tulung dikonfirmasi {v} ya.",
        ),
        context=("{c} kula {v}.", "{c}: {v}", "Tulung {c} diganti dadi {v}.", "Miturut data, {c} yaiku {v}."),
        words={
            EMAIL: ("email", "alamat email"),
            PHONE: ("nomer HP", "nomer telpon"),
            IP: ("alamat IP",),
            CARD: ("nomer kertu kredit",),
            IBAN: ("nomer IBAN",),
            MRZ: ("MRZ paspor", "MRZ"),
            "ID_NIK": ("NIK", "nomer KTP"),
        },
        neutral=(
            "Pesenan {o} wis dikirim tanggal {d}, regane {p}.",
            "Rapat dipindhah jam {t} tanggal {d}.",
            "Ing taun {y} dodolan mundhak 12%.",
        ),
        prices=("Rp {n}",),
        thousands=".",
    ),
    "sun_Latn": Frames(
        plain=(
            "Punten parios deui {v} samemeh dinten Jumaah.",
            "Naha {v} tos leres?",
            "Abdi nyatet {v} kamari.",
            "Palanggan nembe ngirimkeun {v} ka urang.",
            "Punten konfirmasi {v} nya.",
        ),
        context=(
            "{c} abdi {v}.",
            "{c}: {v}",
            "Punten {c} digentos janten {v}.",
            "Numutkeun data, {c} nyaeta {v}.",
        ),
        words={
            EMAIL: ("email", "alamat email"),
            PHONE: ("nomer HP", "nomer telepon"),
            IP: ("alamat IP",),
            CARD: ("nomer kartu kiridit",),
            IBAN: ("nomer IBAN",),
            MRZ: ("MRZ paspor", "MRZ"),
            "ID_NIK": ("NIK", "nomer KTP"),
        },
        neutral=(
            "Pesenan {o} parantos dikintun tanggal {d}, hargana {p}.",
            "Rapat dipindahkeun ka jam {t} tanggal {d}.",
            "Dina taun {y} penjualan naek 12%.",
        ),
        prices=("Rp {n}",),
        thousands=".",
    ),
    "tet_Latn": Frames(
        plain=(
            "Favór haree fali {v} molok loron-sesta.",
            "{v} loos ka lae?",
            "Ha'u hakerek ona {v} horiseik.",
            "Kliente haruka ona {v} mai ami.",
            "Favór konfirma {v} ba ha'u.",
        ),
        context=(
            "Ha'u-nia {c} mak {v}.",
            "{c}: {v}",
            "Favór troka {c} ba {v}.",
            "Tuir rejistu, {c} mak {v}.",
        ),
        words={
            EMAIL: ("email", "enderesu email"),
            PHONE: ("numeru telefone", "telemovel"),
            IP: ("enderesu IP",),
            CARD: ("numeru kartaun kréditu",),
            IBAN: ("numeru IBAN", "IBAN"),
            MRZ: ("MRZ pasaporte", "MRZ"),
        },
        neutral=(
            "Orden {o} haruka ona iha {d}, folin {p}.",
            "Enkontru muda ba oras {t} iha {d}.",
            "Iha tinan {y}, fa'an sa'e 12%.",
        ),
        prices=("${n}", "US${n}"),
    ),
    "zho_Hans": Frames(
        plain=(
            "请再核对一下 {v} 是否正确。",
            "{v} 对吗？",
            "我昨天把 {v} 记在本子上了。",
            "客户刚刚发来 {v} 请查收。",
            "请帮我确认 {v} 是否有效。",
        ),
        context=("我的{c}是 {v} ，谢谢。", "{c}： {v}", "请把{c}改为 {v} 。", "登记的{c}为 {v} ，请核实。"),
        words={
            EMAIL: ("邮箱", "电子邮件地址", "电子邮箱"),
            PHONE: ("电话", "手机号", "联系电话"),
            IP: ("IP地址", "服务器IP"),
            CARD: ("信用卡号", "银行卡号"),
            IBAN: ("IBAN账号", "IBAN"),
            MRZ: ("护照机读码", "MRZ"),
            "CN_RESIDENT_ID": ("身份证号", "公民身份号码", "身份证号码"),
            "MY_MYKAD": ("马来西亚身份证号", "MyKad号码"),
            "SG_NRIC_FIN": ("新加坡身份证号", "NRIC号码"),
        },
        neutral=("订单 {o} 已于 {d} 发货，金额 {p}。", "会议改到 {d} {t} 举行。", "{y}年销售额增长了12%。"),
        prices=("¥{n}", "{n}元"),
        dates=("{yyyy}年{m}月{d1}日", "{yyyy}-{mm}-{dd}"),
        unspaced=True,
    ),
    "zho_Hant": Frames(
        plain=(
            "請再核對一下 {v} 是否正確。",
            "{v} 對嗎？",
            "我昨天把 {v} 記在本子上了。",
            "客戶剛剛發來 {v} 請查收。",
            "請幫我確認 {v} 是否有效。",
        ),
        context=("我的{c}是 {v} ，謝謝。", "{c}： {v}", "請把{c}改為 {v} 。", "登記的{c}為 {v} ，請核實。"),
        words={
            EMAIL: ("電子郵件", "電郵地址", "信箱"),
            PHONE: ("電話", "手機號碼", "聯絡電話"),
            IP: ("IP位址",),
            CARD: ("信用卡號", "信用卡卡號"),
            IBAN: ("IBAN帳號", "IBAN"),
            MRZ: ("護照機讀碼", "MRZ"),
            "CN_RESIDENT_ID": ("居民身份證號碼", "身份證號碼"),
        },
        neutral=("訂單 {o} 已於 {d} 出貨，金額 {p}。", "會議改到 {d} {t} 舉行。", "{y}年銷售額成長了12%。"),
        prices=("NT${n}", "{n}元"),
        dates=("{yyyy}年{m}月{d1}日", "{yyyy}/{mm}/{dd}"),
        unspaced=True,
    ),
}


# --- putting a value into a sentence ---------------------------------------------------------------------

# Where a value may be inserted into a sentence of a script without spaces: after these marks.
BREAKS = "，、။၊។៕"


def _glues(char: str) -> bool:
    """Whether a value written right against this character would merge with it (a Latin letter or a digit
    of any script, or punctuation that continues numbers and addresses): such a side keeps its space."""
    return bool(char) and ((char.isascii() and char.isalnum()) or char.isdigit() or char in ".:@+-_/")


def _join(left: str, value: str, right: str, spaced: bool) -> tuple[str, int]:
    left, right = left.rstrip(" "), right.lstrip(" ")
    if left and (spaced or _glues(left[-1])):
        left += " "
    if right and (spaced or _glues(right[0])):
        right = " " + right
    return left + value + right, len(left)


def in_frame(template: str, word: str, value: str, spaced: bool) -> tuple[str, int]:
    """The frame with ``{c}`` -> ``word`` and ``{v}`` -> ``value``, and where the value starts; ``spaced``
    False removes the spaces around the value where nothing would merge with it."""
    before, after = template.replace("{c}", word).split("{v}")
    if spaced:
        return before + value + after, len(before)
    return _join(before, value, after, spaced=False)


def _number_next_to(left: str, right: str) -> bool:
    """Whether a value put between ``left`` and ``right`` would have a number beside it (``… 10 {v}``, ``{v}
    53 岁``): a digit or ``+`` across at most a space makes it a different, longer number to a reader."""
    before, after = left.rstrip(" ")[-1:], right.lstrip(" ")[:1]
    return any(ch.isdigit() or ch == "+" for ch in before + after)


def in_sentence(sentence: str, word: str, value: str, spaced: bool, cut: int) -> tuple[str, int]:
    """``value`` (after ``word`` if given) inserted at a word boundary of a real sentence: at a space, or
    after a break mark, but never beside a number; the ``cut``-th such place modulo their number."""
    points = [(i, i + 1) for i, ch in enumerate(sentence) if ch == " "]
    points += [(i + 1, i + 1) for i, ch in enumerate(sentence) if ch in BREAKS and i + 1 < len(sentence)]
    points = sorted(p for p in points if not _number_next_to(sentence[: p[0]], sentence[p[1] :]))
    if not points:  # the end of the sentence, unless it ends with a number
        points = [(0, 0) if _number_next_to(sentence, "") else (len(sentence), len(sentence))]
    left_end, right_start = points[cut % len(points)]
    left = sentence[:left_end]
    if word:
        left = _join(left, word, "", spaced)[0]
    return _join(left, value, sentence[right_start:], spaced)


def with_filler(
    text: str, start: int, end: int, pool: list[str], label: str, rng: random.Random
) -> tuple[str, int]:
    """Another sentence from ``pool`` before or after the text (joined without a space in Chinese), never one
    that would put a number right beside the value."""
    joiner = "" if label.startswith("zho_") else " "
    before = rng.random() < 0.5
    for _ in range(20):
        filler = rng.choice(pool)
        if before and not _number_next_to(filler + joiner + text[:start], text[end:]):
            return filler + joiner + text, start + len(filler) + len(joiner)
        if not before and not _number_next_to(text[:start], text[end:] + joiner + filler):
            return text + joiner + filler, start
    return text, start


def neutral_sentence(frames: Frames, rng: random.Random) -> str:
    """A sentence of numbers that are no personal data: an order number, a date, a price, a time, a year."""
    template = rng.choice(frames.neutral)
    day = date(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28))
    amount = rng.choice((rng.randint(5, 999), rng.randint(1000, 999_999)))
    number = f"{amount:,}".replace(",", frames.thousands)
    if frames.thousands == "," and rng.random() < 0.3:
        number += f".{rng.randint(0, 99):02d}"
    fill = {
        "{o}": rng.choice(
            (
                f"#A{rng.randint(10000, 99999)}",
                f"SO-{rng.randint(100000, 999999)}",
                f"INV-{day.year}-{rng.randint(1, 9999):04d}",
                f"PO{rng.randint(1000, 99999)}",
            )
        ),
        "{d}": rng.choice(frames.dates).format(
            dd=f"{day.day:02d}", mm=f"{day.month:02d}", yyyy=day.year, m=day.month, d1=day.day
        ),
        "{p}": rng.choice(frames.prices).replace("{n}", number),
        "{t}": f"{rng.randint(7, 21):02d}:{rng.choice(('00', '15', '30', '45'))}",
        "{y}": str(rng.randint(1990, 2024)),
    }
    for key, value in fill.items():
        template = template.replace(key, value)
    return template
