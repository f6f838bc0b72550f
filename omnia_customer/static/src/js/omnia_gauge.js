odoo.define('omnia_customer.omnia_gauge', function (require) {
"use strict";

/**
 * Odoo's gauge for a progress in %, kept in its card: past the maximum the
 * arc stops full (a 115 % arc would run out of the gauge) while the centre
 * still shows 115. Its title is left to the card, which can wrap a long
 * label; Odoo's is one line of SVG text, cut at the gauge's edges.
 */
var GaugeWidget = require('web_kanban_gauge.widget');
var fieldRegistry = require('web.field_registry');
var utils = require('web.utils');

var OmniaGauge = GaugeWidget.extend({
    _render: function () {
        var value = this.value;
        var maxValue = this.nodeOptions.max_value || 100;
        this.value = Math.min(value || 0, maxValue);
        this._super.apply(this, arguments);
        this.value = value;
        var texts = this.$('svg text');
        texts.eq(0).remove();   // the title
        texts.eq(1).text(utils.human_number(value || 0, 1));   // the centre value
    },
});

fieldRegistry.add('omnia_gauge', OmniaGauge);

return OmniaGauge;
});
