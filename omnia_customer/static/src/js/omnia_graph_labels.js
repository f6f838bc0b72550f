odoo.define('omnia_customer.graph_labels', function (require) {
"use strict";

// nvd3's bar charts name their "Grouped" / "Stacked" switch in English
// whatever the user's language: give them the web client's translation.
var core = require('web.core');

var _t = core._t;
var multiBarChart = nv.models.multiBarChart;

nv.models.multiBarChart = function () {
    var chart = multiBarChart.apply(this, arguments);
    chart.controlLabels({grouped: _t("Grouped"), stacked: _t("Stacked")});
    return chart;
};

});
