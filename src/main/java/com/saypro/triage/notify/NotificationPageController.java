package com.saypro.triage.notify;

import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.web.PageActions;

/** /admin/notifications (administrators): the targets, their latest notifications and failures. */
@Controller
class NotificationPageController {

    static final String NOTIFICATIONS = "admin/notifications";

    private final NotificationTargets targets;
    private final Outbox outbox;

    NotificationPageController(NotificationTargets targets, Outbox outbox) {
        this.targets = targets;
        this.outbox = outbox;
    }

    @GetMapping("/admin/notifications")
    String page(Model model) {
        var all = targets.all();
        model.addAttribute("targets", all);
        model.addAttribute("counts", all.stream().collect(Collectors.toMap(NotificationTarget::id,
                t -> outbox.counts(t.id()))));
        model.addAttribute("latest", all.stream().collect(Collectors.toMap(NotificationTarget::id,
                t -> outbox.latest(t.id(), 10))));
        return NOTIFICATIONS;
    }

    @PostMapping("/admin/notifications")
    String create(@RequestParam String name, @RequestParam String kind, @RequestParam String address,
            @RequestParam(required = false) String minSeverity, @RequestParam(required = false) String system,
            @RequestParam(required = false) Integer maxPerMinute, RedirectAttributes redirect) {
        return attempt(redirect, () -> "Target " + targets.create(new NotificationTargetRequest(name, kind, address,
                blankToNull(minSeverity), blankToNull(system), maxPerMinute)).name() + " added.");
    }

    @PostMapping("/admin/notifications/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, () -> "Target " + targets.delete(id).name() + " removed.");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String attempt(RedirectAttributes redirect, Supplier<String> action) {
        return PageActions.attempt(redirect, "redirect:/admin/notifications", action);
    }
}
