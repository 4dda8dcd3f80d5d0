"""The Russian of the app's Select options, in the words of a contract department.

The options are stored in English, and their shared English ("Rejected", "Purchase", "Post", "None")
is translated by Frappe's and ERPNext's catalogues for other documents: «Отклоненные», «Купить»,
«Опубликовать», «Никто». The desk translates a Select's options with the field's doctype as the
context (`__(option, null, df.parent)`, in the form and in the list's filters; the app's
public/js/select_wording.js does the same for the values shown read-only and in the lists), so the
app translates its options in context: the stored values and ERPNext's own documents stay as they are.

Only the options whose shared Russian is wrong for the document are listed; the others read as the
shared catalogues translate them. The contract statuses and the visa decisions, which the app's code
translates in contexts of their own, are listed here too: one place for the words only the pot file
reads."""

from frappe import _


def _options_for_translation():
	# Never called: lists each option with its doctype as context, so that `bench generate-pot-file`
	# finds them (ru.po gives their Russian).
	return (
		# A contract (договор, masculine), as the list and the card read its status and direction.
		_("Approved", context="Contract"),
		_("Rejected", context="Contract"),
		_("Not Started", context="Contract"),
		_("Active", context="Contract"),
		_("Expired", context="Contract"),
		_("Fulfilled", context="Contract"),
		_("Cancelled", context="Contract"),
		_("Sales", context="Contract"),
		_("Purchase", context="Contract"),
		# A supplementary agreement (дополнительное соглашение, neuter).
		_("Approved", context="Contract Amendment"),
		_("Rejected", context="Contract Amendment"),
		_("Signed", context="Contract Amendment"),
		_("Cancelled", context="Contract Amendment"),
		# A claim (претензия, feminine): its status, decision, how it was sent, its penalty.
		_("Sent", context="Contract Claim"),
		_("Received", context="Contract Claim"),
		_("Rejected", context="Contract Claim"),
		_("In Court", context="Contract Claim"),
		_("Closed", context="Contract Claim"),
		_("Cancelled", context="Contract Claim"),
		_("Post", context="Contract Claim"),
		_("Courier", context="Contract Claim"),
		_("E-mail", context="Contract Claim"),
		_("EDI", context="Contract Claim"),
		_("None", context="Contract Claim"),
		# A visa (виза, in the approval sheet: «согласовано»).
		_("Approved", context="Contract Approval Visa"),
		_("Rejected", context="Contract Approval Visa"),
		_("Pending", context="Contract Approval Visa"),
		# The directions a route or a numbering rule applies to.
		_("Sales", context="Contract Approval Route"),
		_("Purchase", context="Contract Approval Route"),
		_("Sales", context="Contract Numbering Rule"),
		_("Purchase", context="Contract Numbering Rule"),
		_("Sales", context="Contract Primary Document Rule"),
		_("Purchase", context="Contract Primary Document Rule"),
		# An obligation (обязательство, neuter) and a disagreement (разногласие, neuter).
		_("Delivery", context="Contract Obligation"),
		_("Pending", context="Contract Obligation"),
		_("Partly Fulfilled", context="Contract Obligation"),
		_("Fulfilled", context="Contract Obligation"),
		_("Cancelled", context="Contract Obligation"),
		_("Open", context="Contract Disagreement"),
		_("Dropped", context="Contract Disagreement"),
		# A contract's status as the app words it wherever it shows one (contracts/lifecycle.py status_label).
		_("Draft", context="Contract Status"),
		_("On Approval", context="Contract Status"),
		_("Approved", context="Contract Status"),
		_("Rejected", context="Contract Status"),
		_("Not Started", context="Contract Status"),
		_("Active", context="Contract Status"),
		_("Expired", context="Contract Status"),
		_("Terminated", context="Contract Status"),
		_("Fulfilled", context="Contract Status"),
		_("Cancelled", context="Contract Status"),
		# A visa's decision as the approval sheet words it (contracts/approval.py visa_label).
		_("Pending", context="Visa"),
		_("Approved", context="Visa"),
		_("Approved with Remarks", context="Visa"),
		_("Rejected", context="Visa"),
		_("Not Required", context="Visa"),
		# A primary document (первичный документ, masculine): the step it has reached.
		_("Expected", context="Contract Primary Document"),
		_("Sent", context="Contract Primary Document"),
		_("Received", context="Contract Primary Document"),
		_("Signed by Both", context="Contract Primary Document"),
		_("Original Sent", context="Contract Primary Document"),
		_("Original Received", context="Contract Primary Document"),
		_("Cancelled", context="Contract Primary Document"),
	)
