"""Fill a benchmark site with contracts, invoices, payments, credit notes, obligations and claims.

What is written, for each generated document, is what ERPNext and the app write when it is submitted:
- **Contracts** (signed), with their obligations, claims and primary documents (five to a contract, at
  every step of their exchange), as the app stores them.
- **Invoices.** "Invoice rows" are item rows: `invoice_rows` rows of Sales and Purchase Invoice Items,
  about four to an invoice. Most invoices are made under a contract of the right direction, within its
  dates; some are made without a contract. For each: the invoice, its items, its payment schedule, its
  GL Entries and its Payment Ledger Entry.
- **Payment Entries** settle some invoices fully by their due date, some fully but late, some partly,
  and leave the rest unpaid; each with its reference row, GL Entries and Payment Ledger Entry, and the
  invoice's outstanding amount and status as ERPNext leaves them.
- **Credit notes** (Sales Invoice returns of one item) for a few sales invoices, keeping their own
  outstanding amount as ERPNext's default ("Update Outstanding for Self") does.
Invoices are made in the first company given (the rouble one); the other company's contracts have none,
since a site without internet cannot fetch the exchange rates ERPNext asks for there.

The rows are copies of the rows of real documents: `Templates` (templates.py) makes one invoice, payment and credit
note of each kind through ERPNext (insert and submit), and every generated row is a copy of its
template's row made by the database (INSERT ... SELECT from JSON_TABLE), with what differs per document
(names, dates, party, contract, amounts, words, status) replaced. So every column ERPNext writes is
written, in the version of ERPNext installed. The templates are removed afterwards. Left out are the
audit trail (Version) and the Item Price ERPNext adds on the first sale of an item.
tests/test_benchmark_dataset.py proves the copies right: ERPNext's Accounts Receivable, Accounts
Payable and General Ledger show the same for generated documents as for ones made through ERPNext.

**Nothing preset.** On the benchmark day (`day`) the data has the work of a real day in it, in the
first batch only, so that the amount of work is the same whatever the size:
- 1.5 × `due` contracts start on the day and as many ended the day before (300 status moves for the
  default 100); their status is what it was the day before;
- `due` expired auto-renewing contracts are due for prolongation;
- `due` outgoing claims reach the day they may go to court: they become No Answer, and remind;
- `due` reminders of each of: contract end in 30 days, notice deadline in 14 days, an obligation due
  today, an invoice overdue since yesterday.
Every other date is kept clear of every reminder window of the default rules, and what a previous
day's run would have done is done (the Contract End reminders of the contracts that ended within a year
are in the log), so the work due does not grow with the size.

One module per generated table (contracts, obligations, claims, primary_documents, reminder_log, parties, invoices,
payments, credit_notes, with the ledger rows they share in ledger.py); batch.py composes one call of
`generate`, invoice_plan.py plans the invoices and their settlement, rows.py is the bulk insert (in
this process, or over parallel connections: `jobs`), backlog.py plants the work of days without a
scheduler beside the dataset and removes it.
"""

from benchmarks.generate.backlog import plant_backlog, remove_backlog
from benchmarks.generate.batch import Batch, generate
from benchmarks.generate.common import PREFIX
from benchmarks.generate.dataset import counts, remove
from benchmarks.generate.invoice_plan import CreditNote, Invoice, Payment
from benchmarks.generate.invoices import write_invoices
from benchmarks.generate.parties import ensure_parties

__all__ = [
	"PREFIX",
	"Batch",
	"CreditNote",
	"Invoice",
	"Payment",
	"counts",
	"ensure_parties",
	"generate",
	"plant_backlog",
	"remove",
	"remove_backlog",
	"write_invoices",
]
