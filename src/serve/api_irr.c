/*
 * GET /api/v1/irr-comparison?asn=N or ?prefix=P: the IRR comparison of
 * `manrs asn N --compare` or `manrs prefix P --compare`, from the same
 * code (src/report/irr_compare.h), over this thread's read-only
 * connection and the reference data `manrs serve --data DIR` loaded.
 */
#include "report/irr_compare.h"
#include "serve/api.h"
#include "serve/data.h"
#include "store/store.h"

void
api_irr_comparison(const struct http_request *rq, struct http_response *rs)
{
	struct prefix pfx;
	struct store *s;
	uint32_t asn;
	bool has_asn;
	json_t *j;
	char err[512];

	if (!api_params_only(rq, rs, "asn,prefix") ||
	    !api_param_prefix_or_asn(rq, rs, &pfx, &asn, &has_asn))
		return;
	s = store_wrap(rq->db);
	j = has_asn ? irr_compare_asn(s, rq->data->lookup, asn, err,
	    sizeof(err)) : irr_compare_prefix(s, rq->data->lookup, &pfx, err,
	    sizeof(err));
	store_close(s);
	if (j == NULL)
		http_db_error(rq, rs);
	else
		api_send(rs, j);
}
